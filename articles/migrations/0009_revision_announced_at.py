from django.db import migrations, models
from django.db.models import F


def told_at_save(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Notes scheduled before this change were told of when saved."""
    revision = apps.get_model("articles", "ArticleRevision")
    revision.objects.filter(publish_at__isnull=False).update(
        announced_at=F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_pending_change"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlerevision",
            name="announced_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="subscribed systems told"
            ),
        ),
        migrations.RunPython(told_at_save, migrations.RunPython.noop),
    ]
