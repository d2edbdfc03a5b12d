"""The figures of the course, labelled in the reader's language.

Every function draws one figure. With ``show=True`` (the default, as in the
notebooks) it displays the figure and returns ``None``; with ``show=False``
it returns the :class:`matplotlib.figure.Figure` for further work.

The figures are grouped by topic: :mod:`.images` (images as numbers),
:mod:`.sliding` (a kernel or pooling window moving over an image),
:mod:`.training` (training and its results), :mod:`.inside` (filters and
feature maps of a trained CNN) and :mod:`.experiments` (experiments on a
trained CNN: shifted images, occlusion, top patches). :mod:`._core` holds
what they share, such as :func:`ink`, the one rule for the colour of numbers written on an image.
Notebooks call them all as ``plots.<name>``.
"""

from ._core import ink
from .experiments import occlusion_map, shift_curve, top_patches
from .images import (
    class_examples,
    flattened,
    image_grid,
    image_with_values,
    pixel_zoom,
    rgb_channels,
    values_grid,
)
from .inside import feature_maps, filters
from .sliding import kernel_step, pooling, pooling_animation
from .training import (
    channel_histograms,
    class_probabilities,
    confusion_matrix,
    dropout_vectors,
    early_stopping,
    misclassified,
    predictions,
    training_curves,
)

__all__ = [
    "ink",
    "image_with_values",
    "image_grid",
    "values_grid",
    "pixel_zoom",
    "class_examples",
    "flattened",
    "rgb_channels",
    "kernel_step",
    "pooling",
    "pooling_animation",
    "training_curves",
    "early_stopping",
    "dropout_vectors",
    "channel_histograms",
    "confusion_matrix",
    "predictions",
    "class_probabilities",
    "misclassified",
    "filters",
    "feature_maps",
    "shift_curve",
    "occlusion_map",
    "top_patches",
]
