"""The data layer: file names (:class:`DataDir`), the pydantic row models that are the records
(frozen; one per data file), CSV reading and validation, and :func:`load_inputs`, the one
loading sequence of the app, the CLI, the benchmark and the tests.

Layer: the bottom one above :mod:`dashboard.text`; it imports only ``dashboard.text`` (and
pydantic, pandas, the standard library).
"""

from dashboard.data.inputs import Inputs, load_inputs
from dashboard.data.paths import DataDir, data_dir
from dashboard.data.reader import Problem

__all__ = ["DataDir", "Inputs", "Problem", "data_dir", "load_inputs"]
