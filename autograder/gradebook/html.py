"""HTML that students and TAs read: the German feedback exporter, formulas without network, inert text.

* :class:`FeedbackExporter` is nbconvert's ``HTMLExporter`` with the course's own template
  (``templates/autograder_feedback``): a German frame around the notebook, no prompts, no
  JavaScript at all, a Content-Security-Policy that forbids every request (scripts, images,
  fonts, styles from elsewhere), formulas rendered at build time as MathML (Chromium and
  Firefox draw MathML natively, so no MathJax is loaded from a CDN), and every piece of HTML
  from Markdown run through an allowlist (``sanitize``).
* :func:`inert_markdown` makes text a student wrote harmless *in the notebook itself*: raw HTML
  in it shows as text wherever the notebook is rendered (formgrader's own template does not
  sanitize), while Markdown and formulas keep working.
"""

from __future__ import annotations

import functools
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import bleach
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from traitlets import default
from traitlets.config import Config

from autograder.textfmt import de_num

try:  # nbconvert >= 7 names its context filter decorator like this
    from jinja2 import pass_context as _pass_context
except ImportError:  # pragma: no cover - old jinja2
    from jinja2 import contextfilter as _pass_context

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "autograder_feedback"

# --------------------------------------------------------------------------- formulas
MATHML_TAGS = {"math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "mstyle",
               "merror", "mpadded", "mphantom", "msub", "msup", "msubsup", "munder", "mover", "munderover",
               "mtable", "mtr", "mtd", "menclose", "semantics", "annotation", "mlabeledtr", "mmultiscripts",
               "mprescripts", "none"}
MATHML_ATTRIBUTES = {"display", "mathvariant", "stretchy", "fence", "separator", "form", "lspace", "rspace",
                     "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
                     "width", "height", "depth", "linethickness", "displaystyle", "scriptlevel", "notation",
                     "accent", "accentunder", "movablelimits", "largeop", "symmetric", "minsize", "maxsize",
                     "encoding", "xmlns", "class"}
_MATH_NS = "{http://www.w3.org/1998/Math/MathML}"


def _allowed_mathml(element: ET.Element) -> bool:
    for node in element.iter():
        tag = node.tag.replace(_MATH_NS, "")
        if tag not in MATHML_TAGS or any(a.split("}")[-1] not in MATHML_ATTRIBUTES for a in node.attrib):
            return False
    return True


def tex_to_mathml(tex: str, display: bool = False) -> str | None:
    """``tex`` as MathML (``None`` if it cannot be converted or yields anything but MathML).

    latex2mathml copies ``\\text{…}`` into the output unescaped, so its output is parsed as XML
    and every element and attribute is checked against MathML's own; the result is serialised
    again, which escapes all text.
    """
    from latex2mathml.converter import convert

    try:
        raw = convert(tex, display="block" if display else "inline")
        element = ET.fromstring(raw)
    except Exception:  # noqa: BLE001 - any TeX the converter does not know: shown as source
        return None
    if not _allowed_mathml(element):
        return None
    ET.register_namespace("", _MATH_NS[1:-1])
    mathml = ET.tostring(element, encoding="unicode")
    annotation = f'<annotation encoding="application/x-tex">{_escape(tex)}</annotation>'
    # keep the TeX source for copy & paste and screen readers
    return re.sub(r"^(<math[^>]*>)(.*)</math>$",
                  lambda m: f"{m.group(1)}<semantics>{_wrap_mrow(m.group(2))}{annotation}</semantics></math>",
                  mathml, flags=re.S)


def _wrap_mrow(body: str) -> str:
    return body if body.startswith("<mrow") and body.endswith("</mrow>") else f"<mrow>{body}</mrow>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _MathMLRenderer(IPythonRenderer):
    """nbconvert's Markdown renderer, but formulas become placeholders replaced by MathML later."""

    def __init__(self, formulas: dict, **kwargs):
        super().__init__(**kwargs)
        self.formulas = formulas

    def _placeholder(self, tex: str, display: bool) -> str:
        key = f"agmath{uuid.uuid4().hex}"
        self.formulas[key] = (tex, display)
        return key

    def block_math(self, body: str) -> str:
        return self._placeholder(body, True)

    def inline_math(self, body: str) -> str:
        return self._placeholder(body, False)

    def latex_environment(self, name: str, body: str) -> str:
        return self._placeholder(f"\\begin{{{name}}}{body}\\end{{{name}}}", True)

    def multiline_math(self, text: str) -> str:
        return self._placeholder(text.strip("$"), True)


# --------------------------------------------------------------------------- sanitizing
ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
                "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "span",
                "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
ALLOWED_ATTRIBUTES = {"*": ["class", "id", "title"], "a": ["href", "title"], "img": ["src", "alt", "width", "height"],
                      "td": ["align", "colspan", "rowspan"], "th": ["align", "colspan", "rowspan"],
                      "details": ["open"]}


def sanitize(html: str) -> str:
    """Only the tags and attributes of plain documents; links only http(s)/mailto, images only inline data."""
    cleaner = bleach.Cleaner(tags=ALLOWED_TAGS, attributes=_attribute_filter, protocols={"http", "https", "mailto"},
                             strip=False, strip_comments=True)
    return cleaner.clean(html)


def _attribute_filter(tag: str, name: str, value: str) -> bool:
    if tag == "img" and name == "src":
        return value.startswith("data:image/") and not value.startswith("data:image/svg")
    return name in ALLOWED_ATTRIBUTES.get(tag, []) or name in ALLOWED_ATTRIBUTES["*"]


def markdown_to_html(source: str, attachments: dict | None = None) -> str:
    """Markdown → sanitized HTML with formulas as MathML (no script needed to show them).

    A class's feedback pages share the task text, so the same Markdown comes again for every
    student: it is rendered once per process (about 15 ms a cell, most of a page's time).
    """
    if attachments:
        return _markdown_to_html(source, attachments)
    return _cached_markdown_to_html(source or "")


@functools.lru_cache(maxsize=4096)
def _cached_markdown_to_html(source: str) -> str:
    return _markdown_to_html(source, None)


def _markdown_to_html(source: str, attachments: dict | None) -> str:
    formulas: dict = {}
    # embed_images=False: nbconvert re-parses every HTML block to embed images and closes an open
    # <details> on the way (the quizzes fold their English text in one)
    renderer = _MathMLRenderer(formulas, escape=False, attachments=attachments or {}, embed_images=False,
                               exclude_anchor_links=True)
    html = sanitize(MarkdownWithMath(renderer=renderer).render(source or ""))
    for key, (tex, display) in formulas.items():
        mathml = tex_to_mathml(tex, display)
        if mathml is None:  # unknown TeX: its source, escaped, as the notebook shows it before rendering
            delim = "$$" if display else "$"
            mathml = f'<code class="tex">{_escape(delim + tex + delim)}</code>'
        html = html.replace(key, mathml)
    return html


# --------------------------------------------------------------------------- inert student text
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def inert_markdown(text: str) -> str:
    """Text a student wrote, made harmless for every Markdown renderer (formgrader, nbconvert, Jupyter).

    Raw HTML is what can run or load something (``<script>``, ``<img onerror=…>``, ``<iframe>``);
    a backslash before every ``<`` that would open a tag turns it into a literal ``<`` (CommonMark's
    backslash escape). Code spans and fenced code are left alone: HTML is never interpreted there.
    Images (``![…](…)`` would load from anywhere) become plain links.
    """
    out, fence = [], None
    for line in (text or "").splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(2)
            out.append(line)
            continue
        out.append(_inert_line(line))
    return "".join(out)


def _inert_line(line: str) -> str:
    parts, last = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_escape_outside_code(line[last:m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_escape_outside_code(line[last:]))
    return "".join(parts)


def _escape_outside_code(text: str) -> str:
    text = _TAG_START.sub(r"\\<", text)
    return text.replace("![", "!\\[")


# --------------------------------------------------------------------------- the exporter
class _SharedHighlight(Highlight2HTML):
    """nbconvert's code highlighting, each distinct cell once: a class's pages share most code cells."""

    def __call__(self, source, language=None, metadata=None):
        key = (source, language or self.pygments_lexer, (metadata or {}).get("magics_language"))
        cached = _HIGHLIGHTED.get(key)
        if cached is None:
            if len(_HIGHLIGHTED) > 4096:
                _HIGHLIGHTED.clear()
            cached = _HIGHLIGHTED[key] = super().__call__(source, language, metadata)
        return cached


_HIGHLIGHTED: dict = {}


class FeedbackExporter(HTMLExporter):
    """HTML feedback in German, self-contained and script-free (see the module docstring).

    nbgrader's ``GenerateFeedback`` sets ``HTMLExporter.template_name = 'feedback'`` in its own
    configuration; this exporter's own section (more specific, so it wins) names its template.
    """

    def __init__(self, config: Config | None = None, **kwargs):
        config = Config(config) if config is not None else Config()
        config.FeedbackExporter.template_name = TEMPLATE_NAME
        config.FeedbackExporter.extra_template_basedirs = [str(TEMPLATES)]
        config.FeedbackExporter.sanitize_html = True
        config.FeedbackExporter.exclude_input_prompt = True
        config.FeedbackExporter.exclude_output_prompt = True
        super().__init__(config=config, **kwargs)

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE_NAME

    @_pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        return markdown_to_html(source, cell.get("attachments", {}))

    def from_notebook_node(self, nb, resources=None, **kw):
        """HTMLExporter's own, without its BeautifulSoup pass over the finished page.

        That pass (half of a page's time) adds ``tabindex`` to JupyterLab's classes, which this
        template does not use, and an English alt text to images, which this template gives in German.
        """
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        self.register_filter("highlight_code",
                             self.filters.get("highlight_code", _SharedHighlight(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources))
        return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    def default_filters(self):
        yield from super().default_filters()
        yield ("markdown2html", self.markdown2html)
        yield ("de_num", de_num)
        yield ("sanitize", sanitize)
