"""Signal wiring for the community app: a comment written, edited, moderated or deleted, or
a flag raised, makes its lesson's cached discussion out of date; a mute given or lifted,
the cached list of muted people (``community.discussion``)."""

from django.db.models.signals import post_delete, post_save

from community.discussion import MUTES_GENERATION_KEY, generation_key
from community.models import Comment, Flag, Mute
from core.generations import new_generation


def on_comment_change(sender, instance, **kwargs):
    new_generation(generation_key(instance.lesson_id))


def on_flag_change(sender, instance, **kwargs):
    lesson_id = Comment.objects.filter(pk=instance.comment_id).values("lesson_id")[:1]
    for found in lesson_id:  # none when the flag goes with its comment
        new_generation(generation_key(found["lesson_id"]))


def on_mute_change(sender, instance, **kwargs):
    new_generation(MUTES_GENERATION_KEY)


def register_signal_handlers():
    for model, handler in [
        (Comment, on_comment_change),
        (Flag, on_flag_change),
        (Mute, on_mute_change),
    ]:
        post_save.connect(handler, sender=model)
        post_delete.connect(handler, sender=model)
