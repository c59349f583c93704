"""Compare recommendation wording (and agenda items, objectives) across versions of a document."""

from .align import Change, Pair, align
from .history import HistoryReport, Lineage, history
from .items import Item, Kind, items_of
from .load import DiffInputError, load_record
from .matching import AlignOptions
from .report import DiffReport, compare
from .words import WordOp, word_diff

__all__ = [
    "AlignOptions",
    "Change",
    "DiffInputError",
    "DiffReport",
    "HistoryReport",
    "Item",
    "Kind",
    "Lineage",
    "Pair",
    "WordOp",
    "align",
    "compare",
    "history",
    "items_of",
    "load_record",
    "word_diff",
]
