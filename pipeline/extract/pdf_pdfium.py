"""pypdfium2 as the page reader: the characters and rules pdfminer would give, without pdfminer's
interpretation of the content stream (almost all of the pdfplumber reader's time).

The contract: what the layout code reads from a page
-----------------------------------------------------
``pdf_layout.read_page`` builds a ``PageLayout`` (``Line``/``Word``/``TableItem``) from a pdfplumber
page, and reads nothing from the PDF itself: only the page's object cache (``page._objects``,
which ``pdf_layout.load_objects`` fills from pdfminer) and the page frame (``width``, ``height``,
``page_number``, ``mediabox``). So a reader that fills that cache with the same objects gets the
same layout, the same blocks and the same records. What is read from the cache:

- ``char`` dicts (``page.chars``), in drawing order, visible characters only (clipped, off-page,
  invisible render mode 3/7 and white-on-white text left out, unless invisible text is all the
  page has: an OCR layer). Keys read: ``text`` (one glyph; a ligature keeps its letters, "fi"),
  ``x0``/``x1`` (the glyph's origin and origin + advance width, pdfminer's box, not the ink),
  ``top``/``bottom``/``doctop`` (pdfminer's box: from the font's descent to one em above it,
  measured from the page top), ``y0``/``y1``, ``size`` (the em in points: font size times the
  text matrix's vertical scale), ``fontname`` (the /BaseFont with its subset tag,
  "ABCDEF+Calibri-Bold": weight and italics are read from it, and a change of name splits a word),
  ``non_stroking_color`` (the fill colour: block style colour, and a change splits a word),
  ``upright`` and ``matrix`` (turned text), ``page_number``, ``object_type``. pdfplumber's
  ``WordExtractor`` groups them into words (a real space character or a gap over 3 pt ends a
  word), ``pdf_layout._prepare`` looks for overstrikes, turned characters and the space ratio.
  ``len(page.chars)`` tells a scanned page (no text layer) from a text page.
- ``line``, ``rect`` and ``curve`` dicts: every painted path, split into subpaths at each moveto
  and classed as pdfminer does (a two-point segment is a line, a closed axis-aligned four-sided
  shape a rect, anything else a curve with its on-curve points ``pts``), with ``x0``, ``x1``,
  ``top``, ``bottom``, ``doctop``, ``width``, ``height``, ``y0``, ``y1``. Only pdfplumber's ruled
  table finder reads them (through ``page.edges``), and only when the page has a line or a rect.
- ``page.hidden_chars``: how many characters were left out (reported, not parsed).

Words then carry ``text``, the box, ``size``, ``bold`` (from the font name, or an overstrike),
``italic``, ``fontname`` and ``colour``; ``sup`` (superscripts) and big marks are worked out by
``pdf_marks`` from sizes and positions, not by the reader.

How pdfium is read, in bulk
---------------------------
The page's objects are walked once (``FPDFPage_CountObjects``/``GetObject``, into form XObjects):
paths become the rule dicts; text objects give what all their characters share (font name, size,
matrix, fill colour, render mode, clip, ground colour), asked once per text object, not per
character. The page's text comes in one call (``FPDFText_GetText``); per character only the text
object and the origin are asked (two ctypes calls), and advance widths are cached per font and
character.

When a page is not trusted
--------------------------
``PdfiumPages.objects`` returns None, with ``reason``, and pdfplumber reads the page (recorded in
the records' provenance: ``extractor`` is the reader of the block's page). Reasons: pdfium cannot
open the file or the page; the page is rotated or its boxes are offset (pdfminer measures from the
media box); turned, mirrored or vertical text; a Type 3 font (pdfminer scales those by the font
matrix); a font pdfium names that the page's resources do not list once (two subsets of one font:
the subset tag that tells them apart would be lost); characters without Unicode (U+FFFD, controls:
pdfminer writes "(cid:n)" for those); fewer characters than a tenth of the text objects' glyphs.
"""
