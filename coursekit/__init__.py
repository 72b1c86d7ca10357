"""Helpers for the course module *Cooperation at the Border*.

Modules: :mod:`coursekit.data` (load and validate datasets), :mod:`coursekit.plots` (figures in
the course style), :mod:`coursekit.quiz` (chapter quizzes), :mod:`coursekit.checks` (exercise
checks), :mod:`coursekit.release` (student copies and answer keys). Importing the package itself
imports none of them, so ``import coursekit`` stays fast.
"""
__version__ = "0.1.0"


def glue_number(name: str, number) -> None:
    """Paste a computed number into the prose: ``{glue:text}`name:,.0f```.

    Converts numpy and pandas scalars to plain Python numbers first (myst-nb cannot format
    ``np.float64(...)``) and shows nothing in the notebook.
    """
    from coursekit._schema import import_jsonschema
    from myst_nb import glue

    import_jsonschema()  # quickly, before glue does it slowly (see coursekit/_schema.py)
    plain = number.item() if hasattr(number, "item") else number
    if not isinstance(plain, (int, float)) or isinstance(plain, bool):
        raise TypeError(f"glue_number({name!r}, ...) needs a number, got {type(number).__name__}")
    glue(name, plain, display=False)
