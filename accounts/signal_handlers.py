"""Signal wiring for accounts: a new password lifts a log-in lock.

django-axes locks an account after repeated wrong passwords. Someone who then proves they
own the account by resetting the password (on the site or in the Wagtail admin), or whose
password an administrator sets, may log in with the new one at once.
"""

from axes.utils import reset
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save


def on_user_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return  # a new account, or a save that leaves the password alone (log-in time)
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        reset(username=instance.get_username())


def register_signal_handlers():
    pre_save.connect(on_user_save, sender=get_user_model())
