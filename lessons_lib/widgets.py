"""Padding and stride made visible: a figure, an explorer and an animation.

:func:`draw` shows where a kernel lands on a zero-padded input and which
output grid that gives. :func:`padding_explorer` puts sliders on that figure;
it needs a running notebook (locally or on Colab), because every change of a
slider runs Python. :func:`sliding_animation` turns the same figure into an
animation whose frames and player are embedded in the notebook's output, so
it plays in any browser, also on the static web page of the book, without a
kernel and without loading anything from the internet.

The geometry behind the pictures: :func:`geometry` (where the windows start,
how many zeros are added), :func:`coverage` (how many windows use each input
pixel) and :func:`formula` (the output-size formula with the numbers filled
in). Every label comes from :mod:`lessons_lib.i18n`.

Introduced in chapter 3, Padding and stride.
"""

import base64
import io
import json
import re
import tempfile
from html import escape
from numbers import Integral
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML as _HTML  # IPython comes with ipywidgets
from matplotlib.colors import Normalize
from matplotlib.patches import Circle, Rectangle

from . import i18n, ops
from .ops import Geometry, coverage, formula, geometry  # noqa: F401  (re-exported: chapter 3 calls widgets.coverage)
from .plots import ink

__all__ = [
    "Geometry",
    "geometry",
    "coverage",
    "formula",
    "draw",
    "PaddingExplorer",
    "padding_explorer",
    "Animation",
    "sliding_animation",
]

_WINDOW = "#e8590c"  # the kernel's window (same orange as lessons_lib.plots)
_INPUT_EDGE = "#1971c2"  # outline of the original input
_PAD_FACE = "#e7f5ff"  # padding cells
_GRID = "#adb5bd"


def _settings(g):
    """``n = 6, k = 3, p = 1, s = 2`` for a figure's title."""
    if g.padding == "same":
        pad = f"same (p = {g.before} + {g.after})"
    elif g.padding == "valid":
        pad = "valid (p = 0)"
    else:
        pad = f"p = {g.before}"
    return f"n = {g.n}, k = {g.k}, {pad}, s = {g.stride}"


def _square(name, x):
    x = np.asarray(x, dtype=float)
    if x.ndim == 3 and x.shape[-1] == 1:
        x = x[..., 0]
    if x.ndim != 2 or x.shape[0] != x.shape[1] or x.shape[0] < 1:
        raise ValueError(
            f"{name} must be a square array of shape (n, n) or (n, n, 1), "
            f"or an int size, got shape {x.shape}"
        )
    return x


def _size_or_array(name, value):
    """``(length, array or None)`` from an int size or a square array."""
    if isinstance(value, Integral) and not isinstance(value, bool):
        return int(value), None
    arr = _square(name, value)
    return arr.shape[0], arr


def _grid_axes(ax, size, labels):
    ax.set_xlim(-0.5, size - 0.5)
    ax.set_ylim(size - 0.5, -0.5)
    ax.set_xticks(range(size), labels)
    ax.set_yticks(range(size), labels)
    # The cell borders as two line collections, not a grid of minor ticks
    # (matplotlib makes an object per tick): the explorer redraws at every
    # move of a slider.
    edges = np.arange(-0.5, size, 1)
    ax.vlines(edges, -0.5, size - 0.5, colors=_GRID, linewidth=0.6, zorder=1.5)
    ax.hlines(edges, -0.5, size - 0.5, colors=_GRID, linewidth=0.6, zorder=1.5)
    ax.tick_params(which="both", length=0, labelsize=7)
    ax.set_aspect("equal")


def _fontsize(size):
    return max(5, min(9, 80 // max(size, 1)))


def _draw_on(axes, g, image, kernel, step):
    """Draw the padded input and the output of geometry ``g`` on two axes."""
    ax_in, ax_out = axes
    ax_in.clear()
    ax_out.clear()
    b, n, size, out = g.before, g.n, g.size, g.out
    counts = image is None
    values = coverage(n, g.k, g.stride, g.padding) if counts else image + 0.0
    # Padded input: padding cells in a light colour with their 0, the input
    # shaded by its values (or by how many windows use each pixel).
    cmap = plt.get_cmap("Greens" if counts else "gray")
    norm = Normalize(
        vmin=0 if counts else values.min(), vmax=max(values.max(), 1) if counts else values.max()
    )
    ax_in.add_patch(
        Rectangle((-0.5, -0.5), size, size, facecolor=_PAD_FACE, edgecolor="none", zorder=0)
    )
    ax_in.imshow(
        values, cmap=cmap, norm=norm, extent=(b - 0.5, b + n - 0.5, b + n - 0.5, b - 0.5), zorder=1
    )
    font = _fontsize(size)
    for (r, c), v in np.ndenumerate(values):
        ax_in.text(
            b + c,
            b + r,
            i18n.numeral(f"{v:g}"),
            ha="center",
            va="center",
            fontsize=font,
            color=ink(cmap, norm.vmin, norm.vmax, v),
            zorder=2,
        )
    for r in range(size):
        for c in range(size):
            if not (b <= r < b + n and b <= c < b + n):
                ax_in.text(
                    c, r, "0", ha="center", va="center", fontsize=font, color="#868e96", zorder=2
                )
    ax_in.add_patch(
        Rectangle(
            (b - 0.5, b - 0.5),
            n,
            n,
            fill=False,
            edgecolor=_INPUT_EDGE,
            linestyle="--",
            linewidth=1.5,
            zorder=3,
        )
    )
    _grid_axes(ax_in, size, [str(i - b) for i in range(size)])
    # A ring around every window's centre: the rings are `stride` cells
    # apart (for an even kernel the centre lies between four pixels).
    centres = [s + (g.k - 1) / 2 for s in g.starts]
    # add_artist, not add_patch: the limits are set, and add_patch would
    # compute every ring's extent, most of a redraw's time on a large grid.
    for y in centres:
        for x in centres:
            ax_in.add_artist(
                Circle((x, y), 0.36, fill=False, edgecolor=_WINDOW, linewidth=1.3, zorder=4)
            )
    pad_text = f"({g.before}, {g.after})" if g.before != g.after else str(g.before)
    title = i18n.t("padded_input", padding=pad_text)
    if counts:
        title += "\n" + i18n.t("windows_per_pixel")
    ax_in.set_title(title, fontsize=9)
    # Output grid: the feature map's values when an image and kernel are
    # given, revealed up to the current step.
    last = out * out - 1 if step is None else step
    if image is not None and kernel is not None:
        fmap = ops.conv2d(image, kernel, stride=g.stride, padding=g.padding) + 0.0
        onorm = Normalize(vmin=fmap.min(), vmax=fmap.max())
        shown = np.full((out, out), np.nan)
        for i in range(last + 1):
            r, c = divmod(i, out)
            shown[r, c] = fmap[r, c]
            ax_out.text(
                c,
                r,
                i18n.numeral(f"{fmap[r, c]:g}"),
                ha="center",
                va="center",
                fontsize=_fontsize(out),
                color=ink("gray", onorm.vmin, onorm.vmax, fmap[r, c]),
                zorder=2,
            )
        ax_out.imshow(shown, cmap="gray", norm=onorm, zorder=1)
    _grid_axes(ax_out, out, [str(i) for i in range(out)])
    title = i18n.t("output_grid", out=out)
    if step is not None:
        r, c = divmod(step, out)
        sr, sc = g.starts[r], g.starts[c]
        ax_in.add_patch(
            Rectangle((sc - 0.5, sr - 0.5), g.k, g.k, facecolor=_WINDOW, alpha=0.18, zorder=3)
        )
        ax_in.add_patch(
            Rectangle(
                (sc - 0.5, sr - 0.5), g.k, g.k, fill=False, edgecolor=_WINDOW, linewidth=3, zorder=5
            )
        )
        ax_out.add_patch(
            Rectangle(
                (c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor=_WINDOW, linewidth=3, zorder=5
            )
        )
        title += "\n" + i18n.t("position_of", step=step + 1, total=out * out)
    ax_out.set_title(title, fontsize=9)


def _figure(g):
    width = min(11.0, 0.42 * (g.size + g.out) + 2.0)
    height = min(6.0, 0.42 * g.size + 1.6)
    fig, axes = plt.subplots(
        1,
        2,
        figsize=(width, height),
        layout="constrained",
        gridspec_kw={"width_ratios": [g.size, max(g.out, 2)]},
    )
    return fig, axes


def _suptitle(fig, g):
    fig.suptitle(f"{_settings(g)}:   {formula(g.n, g.k, g.stride, g.padding)}", fontsize=10)


def _prepare(image, kernel, stride, padding, step):
    n, image = _size_or_array("image", image)
    k, kernel = _size_or_array("kernel", kernel)
    g = geometry(n, k, stride, padding)
    if step is not None:
        total = g.out * g.out
        if isinstance(step, bool) or not isinstance(step, Integral) or not 0 <= step < total:
            raise ValueError(
                f"step must be an int in 0..{total - 1} (one of the "
                f"{g.out}x{g.out} output positions, row by row), got {step!r}"
            )
    return g, image, kernel


def draw(image, kernel, stride=1, padding="valid", step=None, show=True):
    """Draw a zero-padded input with the kernel's windows, and the output.

    Left: the input with its border of zeros (light blue, each "0" written
    in), the original input outlined with a dashed line, and a ring around
    the centre of every position of the kernel: the rings are ``stride``
    cells apart. Right: the output grid. The title gives the settings and the
    output-size formula with the numbers filled in.

    Parameters
    ----------
    image : int or array_like
        A square image ``(n, n)``, whose values are written in, or just its
        size ``n``: then each input pixel shows how many windows use it
        (see :func:`coverage`).
    kernel : int or array_like
        A square kernel ``(k, k)`` or its size ``k``. With an image and a
        kernel, the output shows the feature map's values.
    stride : int, optional
        Step of the kernel, by default 1.
    padding : {"valid", "same"} or int, optional
        By default ``"valid"``.
    step : int, optional
        Highlight the window of output position ``step`` (counted row by
        row from 0) and write the output values only up to that position.
        By default no window is highlighted and the whole output is shown.
    show : bool, optional
        Display the figure (default) or return it.

    Raises
    ------
    ValueError
        For a non-square image or kernel, a kernel larger than the padded
        input, or a ``step`` outside the output.

    Introduced in chapter 3, Padding and stride.
    """
    g, image, kernel = _prepare(image, kernel, stride, padding, step)
    fig, axes = _figure(g)
    _draw_on(axes, g, image, kernel, step)
    _suptitle(fig, g)
    if show:
        plt.show()
        return None
    return fig


class PaddingExplorer:
    """Sliders for input size, kernel size, padding, stride and position.

    Build it with :func:`padding_explorer`. Every change of a control calls
    :meth:`update`, which recomputes :attr:`out_size` and :attr:`summary`
    and redraws :attr:`figure` in the explorer's output area. Displaying the
    object (the last line of a cell) shows the controls and the figure;
    this needs a running notebook. Without a kernel (the static web page)
    the stored output shows the figure of the starting settings instead.

    Attributes
    ----------
    controls : dict
        The ipywidgets controls: ``"n"``, ``"k"``, ``"padding"``,
        ``"stride"`` and ``"step"``.
    out_size : int or None
        Output size for the current settings; None when the kernel does
        not fit into the padded input.
    summary : str
        The text shown above the figure: the formula, or why there is no
        output.
    figure : matplotlib.figure.Figure or None
        The last figure drawn (closed; it lives in the output area).
    widget : ipywidgets.VBox
        Everything together.

    Introduced in chapter 3, Padding and stride.
    """

    PADDINGS = ("valid", "same", 1, 2, 3)

    def __init__(self, n=6, k=3, padding="valid", stride=1):
        import ipywidgets as w

        if padding not in self.PADDINGS:
            raise ValueError(f"padding must be one of {self.PADDINGS}, got {padding!r}")
        style = {"description_width": "initial"}
        self.controls = {
            "n": w.IntSlider(value=n, min=2, max=12, style=style, description=i18n.t("explorer_n")),
            "k": w.IntSlider(value=k, min=1, max=7, style=style, description=i18n.t("explorer_k")),
            "padding": w.Dropdown(
                options=[(str(p), p) for p in self.PADDINGS],
                value=padding,
                style=style,
                description=i18n.t("explorer_padding"),
            ),
            "stride": w.IntSlider(
                value=stride, min=1, max=4, style=style, description=i18n.t("explorer_stride")
            ),
            "step": w.IntSlider(
                value=0, min=0, max=0, style=style, description=i18n.t("explorer_step")
            ),
        }
        self.out_size = None
        self.summary = ""
        self.figure = None
        self._png = (None, None)  # (figure, its PNG) for _repr_mimebundle_
        self._label = w.HTML()
        self._output = w.Output()
        self._busy = False
        for name in ("n", "k", "padding", "stride"):
            self.controls[name].observe(self._settings_changed, names="value")
        self.controls["step"].observe(self._step_changed, names="value")
        c = self.controls
        self.widget = w.VBox(
            [
                w.HBox([c["n"], c["k"]]),
                w.HBox([c["padding"], c["stride"]]),
                c["step"],
                self._label,
                self._output,
            ]
        )
        self._settings_changed()

    def _settings_changed(self, change=None):
        """Fit the position slider to the new output, then redraw."""
        c = self.controls
        try:
            out = ops.output_size(c["n"].value, c["k"].value, c["stride"].value, c["padding"].value)
        except ValueError:
            out = 0
        self._busy = True
        try:
            c["step"].max = max(out * out - 1, 0)
            c["step"].value = min(c["step"].value, c["step"].max)
        finally:
            self._busy = False
        self.update()

    def _step_changed(self, change=None):
        if not self._busy:
            self.update()

    def update(self):
        """Recompute the output size and redraw the figure.

        Returns
        -------
        int or None
            The output size, or None when the kernel does not fit.
        """
        from IPython.display import display

        c = self.controls
        n, k, stride, padding = (c["n"].value, c["k"].value, c["stride"].value, c["padding"].value)
        try:
            g = geometry(n, k, stride, padding)
        except ValueError:
            self.out_size, self.figure = None, None
            self.summary = i18n.t("kernel_too_large", k=k, n=n)
            self._label.value = f"<b>{self.summary}</b>"
            self._output.clear_output()
            return None
        step = min(c["step"].value, g.out * g.out - 1)
        self.out_size = g.out
        self.summary = i18n.t("explorer_summary", out=g.out, formula=formula(n, k, stride, padding))
        self._label.value = f"<b>{self.summary}</b>"
        fig, axes = _figure(g)
        _draw_on(axes, g, None, None, step)
        _suptitle(fig, g)
        self.figure = fig
        with self._output:
            self._output.clear_output(wait=True)
            display(fig)
        plt.close(fig)
        return g.out

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a still picture for pages without a kernel.

        A running notebook shows the widget. Where no kernel runs (the
        static web page, a notebook viewer) the bundle offers ``image/png``,
        the figure of the starting settings, and ``text/plain``, the
        summary; both are the same on every run, unlike the widget's
        model id.
        """
        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = self.summary
        if self.figure is not None:
            # Rendered once per figure: a second rendering of the same
            # figure can differ in a few bytes.
            if self._png[0] is not self.figure:
                buffer = io.BytesIO()
                self.figure.savefig(buffer, format="png", bbox_inches="tight")
                self._png = (self.figure, base64.b64encode(buffer.getvalue()).decode())
            bundle["image/png"] = self._png[1]
        return bundle


def padding_explorer(n=6, k=3, padding="valid", stride=1):
    """An interactive explorer of padding and stride (needs a running notebook).

    Sliders set the input size ``n``, the kernel size ``k``, the padding
    (``"valid"``, ``"same"`` or 1 to 3 zeros) and the stride; a fifth slider
    moves the kernel from one output position to the next. The figure is
    :func:`draw` without values: each input pixel shows how many windows
    use it, and the formula above it gives the output size.

    Parameters
    ----------
    n, k, padding, stride
        The starting values.

    Returns
    -------
    PaddingExplorer
        Display it (make it the last line of a cell).

    Introduced in chapter 3, Padding and stride.
    """
    return PaddingExplorer(n=n, k=k, padding=padding, stride=stride)


# matplotlib's player asks a CDN for Font Awesome icons; plain characters
# keep it offline. Its English tooltips and labels go through i18n.
_ICONS = {
    "fa fa-minus": "−",
    "fa fa-fast-backward": "|◀◀",
    "fa fa-step-backward": "|◀",
    "fa fa-play fa-flip-horizontal": "◀",
    "fa fa-pause": "❚❚",
    "fa fa-play": "▶",
    "fa fa-step-forward": "▶|",
    "fa fa-fast-forward": "▶▶|",
    "fa fa-plus": "+",
}
_PLAYER_TEXT = {
    "Decrease speed": "anim_slower",
    "First frame": "anim_first",
    "Previous frame": "anim_previous",
    "Play backwards": "anim_backwards",
    "Pause": "anim_pause",
    "Play": "anim_play",
    "Next frame": "anim_next",
    "Last frame": "anim_last",
    "Increase speed": "anim_faster",
    "Repetition mode": "anim_repetition",
}
_PLAYER_LABELS = {"Once": "anim_once", "Loop": "anim_loop", "Reflect": "anim_reflect"}


def _small_frame(match, colors=64):
    """Re-encode one embedded PNG frame with a palette: about 4x smaller."""
    from PIL import Image  # Pillow comes with matplotlib

    data = base64.b64decode(match.group(1).replace("\\\n", ""))
    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return f'"data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}"'


# matplotlib's player shows a frame by changing the src of its <img>; ours
# also sets the frame's alt text and the slider's value text (stored as
# data-alts / data-steps) so that a screen reader says which frame is shown.
_SET_FRAME = """    document.getElementById(this.img_id).src =
            this.frames[this.current_frame].src;
    document.getElementById(this.slider_id).value = this.current_frame;
"""
_SET_FRAME_ALT = """    var img = document.getElementById(this.img_id);
    var slider = document.getElementById(this.slider_id);
    img.src = this.frames[this.current_frame].src;
    slider.value = this.current_frame;
    var alts = img.getAttribute("data-alts");
    var steps = slider.getAttribute("data-steps");
    if (alts) { img.alt = JSON.parse(alts)[this.current_frame]; }
    if (steps) { slider.setAttribute("aria-valuetext", JSON.parse(steps)[this.current_frame]); }
"""


def _frame_texts(total, describe):
    """``(alts, steps)``: each frame's alt text and the slider's text for it.

    ``describe(i)`` says what frame ``i`` (from 0) shows; the alt text is
    "Frame 3 of 16: " followed by it, in the current language.
    """
    steps = [i18n.t("anim_step", step=i + 1, total=total) for i in range(total)]
    return [f"{step}: {describe(i)}" for i, step in enumerate(steps)], steps


def _accessible(html, alts, steps):
    """Give the player's frame an alt text and its slider a label and value text."""
    if html.count(_SET_FRAME) != 1:
        raise RuntimeError("matplotlib's animation player changed: set_frame not found")
    html = html.replace(_SET_FRAME, _SET_FRAME_ALT)

    def attr(value):
        return escape(json.dumps(value, ensure_ascii=False), quote=True)

    html, found = re.subn(
        r'<img id="(_anim_img\w+)">',
        lambda m: (
            f'<img id="{m.group(1)}" alt="{escape(alts[0], quote=True)}" data-alts="{attr(alts)}">'
        ),
        html,
    )
    label = escape(i18n.t("anim_slider"), quote=True)
    html, found_slider = re.subn(
        r'(<input id="_anim_slider\w+" type="range")',
        lambda m: (
            f'{m.group(1)} aria-label="{label}" '
            f'aria-valuetext="{escape(steps[0], quote=True)}" data-steps="{attr(steps)}"'
        ),
        html,
    )
    if found != 1 or found_slider != 1:
        raise RuntimeError("matplotlib's animation player changed: frame or slider not found")
    return html


def _offline_player(html, alts=None, steps=None):
    """matplotlib's jshtml without web fonts, its texts in the current language.

    With ``alts`` and ``steps`` (from :func:`_frame_texts`) the frame has an
    alt text and the slider a label, both following the frame shown.
    """
    html = re.sub(r'"data:image/png;base64,([^"]*)"', _small_frame, html)
    if alts is not None:
        html = _accessible(html, alts, steps)
    html = re.sub(r"<link[^>]*font-awesome[^>]*>", "", html)
    html = re.sub(r'<i class="(fa [^"]*)"></i>', lambda m: _ICONS.get(m.group(1), "•"), html)
    for english, key in _PLAYER_TEXT.items():
        text = i18n.t(key)
        html = html.replace(
            f'title="{english}" aria-label="{english}"', f'title="{text}" aria-label="{text}"'
        )
    for english, key in _PLAYER_LABELS.items():
        html = re.sub(
            rf"(<label for=\"[^\"]*\">){english}(</label>)",
            lambda m, key=key: m.group(1) + i18n.t(key) + m.group(2),
            html,
        )
    return html


class Animation(_HTML):
    """An HTML animation that knows how many frames it has.

    Displayed in a notebook it shows the player; :attr:`frames` is the
    number of frames (one per output position) and :attr:`html` the
    self-contained HTML.

    Introduced in chapter 3, Padding and stride.
    """

    def __init__(self, html, frames):
        super().__init__(html)
        self.html = html
        self.frames = frames


def sliding_animation(image=6, kernel=3, stride=1, padding="valid", dpi=80, interval=800):
    """An animation of the kernel sliding over a padded input, for any page.

    One frame per output position: the window under the kernel is
    highlighted and, when an image and a kernel are given, the output value
    it produces is written into the feature map. The result is
    self-contained HTML (frames embedded as PNG, the player in plain
    JavaScript, no web fonts), so it plays in a notebook, on Colab and on
    the static web page without a running kernel.

    Parameters
    ----------
    image : int or array_like, optional
        A square image, or its size (then the pixels show how many windows
        use them). By default 6.
    kernel : int or array_like, optional
        A square kernel or its size, by default 3.
    stride : int, optional
        By default 1.
    padding : {"valid", "same"} or int, optional
        By default ``"valid"``.
    dpi : int, optional
        Resolution of the frames, by default 80. The frames are stored with a
        palette of 64 colours, which keeps them small (about 15 kB each).
    interval : int, optional
        Milliseconds per frame, by default 800.

    Returns
    -------
    Animation
        Display it (make it the last line of a cell); ``.frames`` is the
        number of frames.

    Introduced in chapter 3, Padding and stride.
    """
    from matplotlib.animation import FuncAnimation, HTMLWriter

    g, image, kernel = _prepare(image, kernel, stride, padding, None)
    frames = g.out * g.out
    fig, axes = _figure(g)

    def frame(i):
        _draw_on(axes, g, image, kernel, i)
        return []

    _suptitle(fig, g)
    frame(0)
    try:
        anim = FuncAnimation(fig, frame, frames=frames, interval=interval, repeat=True)
        # What FuncAnimation.to_jshtml does, with our resolution.
        writer = HTMLWriter(fps=1000 / interval, embed_frames=True, default_mode="loop")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "animation.html")
            anim.save(str(path), writer=writer, dpi=dpi)
            html = path.read_text(encoding="utf-8")
    finally:
        plt.close(fig)

    def describe(i):
        row, col = divmod(i, g.out)
        return i18n.t(
            "anim_sliding_alt", k=g.k, out=g.out, row=row, col=col
        )  # 0-based, as the axes

    return Animation(_offline_player(html, *_frame_texts(frames, describe)), frames)
