"""Helpers for the course module *Cooperation at the Border*.

Modules: :mod:`coursekit.data` (load and validate datasets), :mod:`coursekit.plots` (figures in
the course style), :mod:`coursekit.quiz` (chapter quizzes), :mod:`coursekit.checks` (exercise
checks), :mod:`coursekit.release` (student copies and answer keys). Importing the package itself
imports none of them, so ``import coursekit`` stays fast.
"""
__version__ = "0.1.0"


def glue(name: str, value, display: bool = True) -> None:
    """Keep a computed value for the book's prose and figures (myst-nb's ``glue``).

    The book build has myst-nb; a bare kernel (Colab, a plain install) may not, and there the
    value is simply shown (or not, with ``display=False``): the numbers reach the prose only in
    the built book, and the cell still runs.
    """
    from coursekit._schema import import_jsonschema

    import_jsonschema()  # quickly, before myst-nb does it slowly (see coursekit/_schema.py)
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(value)
        return
    myst_glue(name, value, display=display)


def glue_number(name: str, number) -> None:
    """Paste a computed number into the prose: ``{glue:text}`name:,.0f```.

    Converts numpy and pandas scalars to plain Python numbers first (myst-nb cannot format
    ``np.float64(...)``) and shows nothing in the notebook.
    """
    plain = number.item() if hasattr(number, "item") else number
    if not isinstance(plain, (int, float)) or isinstance(plain, bool):
        raise TypeError(f"glue_number({name!r}, ...) needs a number, got {type(number).__name__}")
    glue(name, plain, display=False)
