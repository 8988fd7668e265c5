"""Versions become integers that only grow: the random tokens are dropped
(every cached answer is built again once)."""

import time

from django.db import migrations, models


def number_anew(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Every stored scope (the epoch too) gets a version no database had."""
    version = apps.get_model("versions", "Version")
    version.objects.update(version=time.time_ns() // 1000)


class Migration(migrations.Migration):
    dependencies = [("versions", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="version", name="token"),
        migrations.AddField(
            model_name="version",
            name="version",
            field=models.BigIntegerField(default=0, verbose_name="version"),
        ),
        migrations.RunPython(number_anew, migrations.RunPython.noop),
    ]
