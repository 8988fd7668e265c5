"""Create the Reporters and Editors groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Reporters": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "claims.add_claim",
        "claims.change_claim",
        "claims.view_claim",
        "claims.view_agency",
        "claims.view_reviewevent",
    ],
    "Editors": [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.publish_article",
        "claims.add_claim",
        "claims.change_claim",
        "claims.delete_claim",
        "claims.view_claim",
        "claims.review_claim",
        "claims.add_agency",
        "claims.change_agency",
        "claims.view_agency",
        "claims.view_reviewevent",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def grant_roles(Group, Permission):
    """Make the groups and give them their permissions (also used by the tests)."""
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("claims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
