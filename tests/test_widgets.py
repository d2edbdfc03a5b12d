"""lessons_lib.widgets: the padding-and-stride figure, the
explorer (built and driven without a browser) and the offline animation."""

import base64
import itertools
import json
import re
from html import unescape

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessons_lib import i18n, ops, widgets

pytest.importorskip("ipywidgets")

IMAGE = np.array(
    [
        [1, 2, 1, 8, 9, 8],
        [2, 1, 0, 9, 8, 9],
        [1, 0, 2, 8, 9, 7],
        [0, 1, 1, 9, 7, 8],
        [2, 1, 0, 8, 9, 9],
        [1, 2, 1, 7, 8, 9],
    ]
)
EDGE = np.array([[-1, 0, 1]] * 3)
PADDINGS = ("valid", "same", 0, 1, 2, 3)


def texts(fig):
    out = [fig._suptitle.get_text() if fig._suptitle else ""]
    for ax in fig.axes:
        out += [ax.get_title()] + [t.get_text() for t in ax.texts]
    return out


def test_the_geometry_of_chapter_3_is_ops_own():
    """geometry, coverage and formula are arithmetic and live in ops; chapter 3 calls them here."""
    assert widgets.geometry is ops.geometry and widgets.coverage is ops.coverage
    assert widgets.formula is ops.formula and widgets.Geometry is ops.Geometry


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_draw_labels_in_the_readers_language(lang):
    i18n.set_language(lang)
    fig = widgets.draw(IMAGE, EDGE, stride=2, padding=1, step=4, show=False)
    written = texts(fig)
    assert i18n.t("padded_input", padding="1") == written[1]
    assert any(t.startswith(i18n.t("output_grid", out=3)) for t in written)
    assert any(i18n.t("position_of", step=5, total=9) in t for t in written)
    assert widgets.formula(6, 3, 2, 1) in written[0]
    # Output values up to the current step only, as the feature map has them.
    fmap = ops.conv2d(IMAGE, EDGE, stride=2, padding=1) + 0.0
    shown = [t.get_text() for t in fig.axes[1].texts]
    assert shown == [f"{v:g}" for v in fmap.ravel()[:5]]


def test_draw_without_values_shows_coverage():
    fig = widgets.draw(6, 3, padding="same", show=False)
    numbers = [t.get_text() for t in fig.axes[0].texts]
    counts = widgets.coverage(6, 3, padding="same")
    assert numbers[:36] == [str(v) for v in counts.ravel()]
    assert numbers[36:] == ["0"] * (8 * 8 - 36)
    assert i18n.t("windows_per_pixel") in fig.axes[0].get_title()
    assert widgets.draw(6, 3, show=True) is None


def test_draw_rejects_bad_input():
    with pytest.raises(ValueError, match="square"):
        widgets.draw(np.zeros((4, 5)), 3, show=False)
    with pytest.raises(ValueError, match="step"):
        widgets.draw(6, 3, step=16, show=False)
    with pytest.raises(ValueError, match="larger"):
        widgets.draw(2, 5, show=False)


def test_explorer_builds_and_follows_its_controls():
    ex = widgets.padding_explorer()
    c = ex.controls
    assert set(c) == {"n", "k", "padding", "stride", "step"}
    assert ex.out_size == 4 and c["step"].max == 15
    assert widgets.formula(6, 3) in ex.summary
    assert ex.figure is not None and len(ex.figure.axes) == 2
    c["padding"].value = "same"
    assert ex.out_size == 6 and c["step"].max == 35
    c["step"].value = 35
    c["stride"].value = 2
    assert ex.out_size == 3 and c["step"].value == 8  # clamped to the new output
    c["n"].value = 12
    c["padding"].value = 1
    assert ex.update() == ops.output_size(12, 3, 2, 1) == ex.out_size
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_explorer_offers_a_still_picture_for_static_pages():
    ex = widgets.padding_explorer(n=6, k=3, padding=1, stride=2)
    bundle = ex._repr_mimebundle_()
    assert bundle["text/plain"] == ex.summary
    assert bundle["text/plain"].endswith(widgets.formula(6, 3, 2, 1))
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    # The still picture follows the controls; it is the same on every run.
    ex.controls["stride"].value = 1
    again = ex._repr_mimebundle_()
    assert again["image/png"] != bundle["image/png"]
    assert again["text/plain"].endswith("= 6")
    assert again["image/png"] == ex._repr_mimebundle_()["image/png"]
    # Without an output there is no picture, only the reason.
    ex.controls["k"].value, ex.controls["padding"].value = 7, "valid"
    assert "image/png" not in ex._repr_mimebundle_()
    assert ex._repr_mimebundle_()["text/plain"] == i18n.t("kernel_too_large", k=7, n=6)


def test_explorer_reports_a_kernel_that_does_not_fit():
    ex = widgets.padding_explorer(n=2, k=3)
    assert ex.out_size is None and ex.figure is None
    assert ex.summary == i18n.t("kernel_too_large", k=3, n=2)
    ex.controls["padding"].value = 1
    assert ex.out_size == 2 and ex.figure is not None


def test_explorer_never_fails_on_a_grid_of_settings():
    ex = widgets.padding_explorer()
    c = ex.controls
    for n, k, padding, stride in itertools.product(
        (2, 5, 12), (1, 2, 4, 7), widgets.PaddingExplorer.PADDINGS, (1, 3, 4)
    ):
        c["n"].value, c["k"].value = n, k
        c["padding"].value, c["stride"].value = padding, stride
        c["step"].value = c["step"].max
        try:
            expected = ops.output_size(n, k, stride, padding)
        except ValueError:
            expected = None
        # The controls' own redraws have run (each combination changes at
        # least one control), as they do when a reader moves a slider.
        assert ex.out_size == expected, (n, k, padding, stride)
        assert (ex.figure is None) == (expected is None)
        plt.close("all")


def test_explorer_speaks_the_readers_language():
    i18n.set_language("nl")
    ex = widgets.padding_explorer()
    assert ex.controls["stride"].description == i18n.t("explorer_stride", "nl")
    assert ex.summary.startswith("Uitvoer: 4 × 4")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_animation_plays_offline(lang):
    i18n.set_language(lang)
    anim = widgets.sliding_animation(IMAGE, EDGE, stride=2, padding=1, dpi=30)
    assert anim.frames == 9 == ops.output_size(6, 3, 2, 1) ** 2
    html = anim.html
    assert anim._repr_html_() == html
    assert len(re.findall(r'"data:image/png;base64,[A-Za-z0-9+/=]+"', html)) == 9
    assert "http" not in html and "<link" not in html and "fa fa-" not in html
    assert f'title="{i18n.t("anim_play", lang)}"' in html
    assert i18n.t("anim_loop", lang) in html
    # The frame says which step it shows, the slider has a label; both follow the frame.
    img = re.search(r"<img [^>]*>", html).group(0)
    alt = re.search(r'alt="([^"]*)"', img).group(1)
    assert alt.startswith(i18n.t("anim_step", lang, step=1, total=9) + ": ")
    alts = json.loads(unescape(re.search(r'data-alts="([^"]*)"', img).group(1)))
    assert len(alts) == 9 and alts[0] == unescape(alt)
    assert alts[8].startswith(i18n.t("anim_step", lang, step=9, total=9))
    assert len(set(alts)) == 9  # each frame names its own window
    slider = re.search(r'<input id="_anim_slider\w+" type="range"[^>]*>', html).group(0)
    assert f'aria-label="{i18n.t("anim_slider", lang)}"' in slider
    assert "aria-valuetext" in slider and "data-steps" in slider
    assert "img.alt = JSON.parse(alts)[this.current_frame]" in html
    assert len(html) < 60_000
    assert not plt.get_fignums()  # the animation's figure is closed


def test_animation_without_values():
    anim = widgets.sliding_animation(4, 2, dpi=20)
    assert anim.frames == 9
    with pytest.raises(ValueError, match="larger"):
        widgets.sliding_animation(2, 3)
