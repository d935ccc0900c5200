"""The knowledge base. Explicit re-exports: import models from ``practices.models``."""

from .events import EventIndexPage, EventKind, EventPage, EventParticipation
from .practices import PracticeAdoption, PracticeIndexPage, PracticePage, PracticeStatus
from .projects import ProjectFunding, ProjectIndexPage, ProjectPage
from .publications import LibraryPage, Publication, PublicationKind

__all__ = [
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventParticipation",
    "LibraryPage",
    "PracticeAdoption",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeStatus",
    "ProjectFunding",
    "ProjectIndexPage",
    "ProjectPage",
    "Publication",
    "PublicationKind",
]
