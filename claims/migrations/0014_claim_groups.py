"""Claim groups and possible repeats; each claim's folded words, and on
PostgreSQL the pg_trgm and btree_gin extensions with a GIN index over the
agency and the words' trigrams (other databases compare in Python and get no
index)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations, models

from claims.folding import fold

TRIGRAM_INDEX = "claim_match_text_trgm"


def fill_match_text(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    claims = list(Claim.objects.only("pk", "quote"))
    for claim in claims:
        claim.match_text = fold(claim.quote)
    Claim.objects.bulk_update(claims, ["match_text"], batch_size=1000)


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The agency and the words in one GIN index (btree_gin for the agency):
    # a search for one agency's repeats reads only that agency's near matches.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON claims_claim "
        "USING gin (agency_id, match_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_suggestion_source_and_decisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        BtreeGinExtension(),
        migrations.AddField(
            model_name="claim",
            name="match_text",
            field=models.TextField(
                blank=True, editable=False, verbose_name="words compared"
            ),
        ),
        migrations.CreateModel(
            name="ClaimGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        default="unreviewed", max_length=20, verbose_name="status"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note for readers")),
                (
                    "disputed_by",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="disputed by"
                    ),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="reviewed"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created"
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "claim group",
                "verbose_name_plural": "claim groups",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="claim",
            name="group",
            field=models.ForeignKey(
                blank=True,
                help_text="The claims in other stories confirmed to be this one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="claims",
                to="claims.claimgroup",
                verbose_name="same claim as",
            ),
        ),
        migrations.CreateModel(
            name="ClaimMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("score", models.FloatField(verbose_name="score")),
                (
                    "kind",
                    models.CharField(
                        choices=[("same", "The same claim"), ("similar", "Similar")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "differs",
                    models.CharField(
                        blank=True,
                        help_text="What keeps the two from being the same claim, if anything.",
                        max_length=100,
                        verbose_name="differs in",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting a decision"),
                            ("confirmed", "Confirmed"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                (
                    "found_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="found"
                    ),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided"),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "first",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="claims.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "second",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="claims.claim",
                        verbose_name="other claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "possible repeat",
                "verbose_name_plural": "possible repeats",
                "ordering": ["-score", "pk"],
                "indexes": [
                    models.Index(
                        fields=["state", "-score"], name="claims_clai_state_9bc678_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("first", "second"), name="claim_match_one_per_pair"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("first__lt", models.F("second"))),
                        name="claim_match_ordered_pair",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["same", "similar"])),
                        name="claim_match_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("state__in", ["pending", "confirmed", "rejected"])
                        ),
                        name="claim_match_state_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("score__gte", 0), ("score__lte", 1)),
                        name="claim_match_score_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("state", "confirmed"), _negated=True),
                            ("differs", ""),
                            _connector="OR",
                        ),
                        name="claim_match_confirmed_alike",
                    ),
                ],
            },
        ),
        migrations.RunPython(fill_match_text, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
