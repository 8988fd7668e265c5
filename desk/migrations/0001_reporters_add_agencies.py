"""Reporters may add agencies (never label them): a story's source must exist to be cited.

Kept with the desk rather than in ``claims`` so the roles change in one place
beside the screens that rely on it.
"""

from django.db import migrations

GRANTS = {"Reporters": ["claims.add_agency"]}


def grant(Group, Permission):
    """Give the roles their desk permissions (also used by the tests)."""
    for name, codes in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def forwards(apps, schema_editor):
    grant(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GRANTS.items():
        for group in Group.objects.filter(name=name):
            for code in codes:
                app_label, codename = code.split(".")
                group.permissions.remove(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename=codename
                    )
                )


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
