"""Certificates issued before display names were checked keep what they said, minus the
invisible characters that could make them read differently (accounts.display_names)."""

from django.db import migrations

from accounts.display_names import UNSAFE, safe_display_name


def clean_names(apps, schema_editor):
    Certificate = apps.get_model("learning", "Certificate")
    for certificate in Certificate.objects.only("pk", "learner_name").iterator():
        if UNSAFE.search(certificate.learner_name):
            certificate.learner_name = safe_display_name(certificate.learner_name)
            certificate.save(update_fields=["learner_name"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop)]
