"""Data for ``make bench-http``: a 1,000-claim story beside the demo, and an editor.

Run once on the benchmark's database after ``migrate`` and ``load_demo``;
analyses it (PostgreSQL) as autovacuum would have by the time readers come;
prints what the benchmark needs as one line of JSON: the two stories'
slugs, the demo story's claims with their versions, an editor's API token.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report


def main() -> None:
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from articles.models import Article
    from claims.models import Agency, Claim

    demo = Article.objects.published().get()
    agencies = list(Agency.objects.order_by("pk")[:3])
    large = report.build_article(1000, agencies)
    editor = User.objects.create_user("bench-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    claims = {
        claim.pk: claim.version
        for claim in Claim.objects.filter(article=demo).exclude(
            anchor_state=Claim.AnchorState.ORPHANED
        )
    }
    if connection.vendor == "postgresql":
        # As autovacuum would have by now on a production server (this
        # machine's runs without it): the planner sees the tables' sizes.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        json.dumps(
            {
                "demo": demo.slug,
                "large": large.slug,
                "claims": claims,
                "token": Token.objects.create(user=editor).key,
            }
        )
    )


if __name__ == "__main__":
    main()
