"""Let reporters and editors add people and decide on suggestions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Reporters": [
        "claims.add_person",
        "claims.change_person",
        "claims.view_person",
        "claims.change_suggestion",
        "claims.view_suggestion",
    ],
    "Editors": [
        "claims.add_person",
        "claims.change_person",
        "claims.view_person",
        "claims.change_suggestion",
        "claims.view_suggestion",
    ],
}


def grant(Group, Permission):
    """Give the groups the new permissions (also used by the tests)."""
    for name, codes in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def grant_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                )
            )


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_people_and_suggestions")]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
