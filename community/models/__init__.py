from .comments import Comment, Flag
from .mutes import Mute
from .settings import CommunitySettings, Premoderation

__all__ = ["Comment", "CommunitySettings", "Flag", "Mute", "Premoderation"]
