"""Helpers for the course module *Cooperation at the Border*.

Modules: :mod:`coursekit.data` (load and validate datasets), :mod:`coursekit.measures` (every
quantity the course derives, defined once), :mod:`coursekit.plots` (figures in the course style),
:mod:`coursekit.quiz` (chapter quizzes), :mod:`coursekit.checks` (exercise checks),
:mod:`coursekit.release` (student copies and answer keys). Importing the package itself imports
none of them, so ``import coursekit`` stays fast.
"""
__version__ = "0.1.0"


def glue(name: str, value, display: bool | None = None) -> None:
    """Keep a computed value for the book's prose and figures: the course's one glue helper.

    - A number (Python, numpy or pandas scalar) is stored as a plain Python number, for
      ``{glue:text}`name:,.0f``` in the prose, and not shown in the notebook.
    - Anything else (a figure, a table, Markdown) is shown in the notebook as well, unless
      ``display=False``, and placed in the book by ``{glue:figure}`` or ``{glue:md}``.

    The book build has myst-nb; a bare kernel (Colab, a plain install) may not, and there the
    value is simply shown (or not): the numbers reach the prose only in the built book, and the
    cell still runs.
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"glue: the name must be an identifier such as 'ch2_relief_rate', got {name!r}")
    plain = value.item() if hasattr(value, "item") and getattr(value, "ndim", 0) == 0 else value
    if isinstance(plain, bool):
        raise TypeError(f"glue({name!r}, ...) got a bool; paste a number or text, not True/False")
    number = isinstance(plain, (int, float))
    if number:
        value = plain
        if display:
            raise ValueError(f"glue({name!r}, ...): a number is pasted into the prose, not shown")
        display = False
    elif display is None:
        display = True

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


# In a kernel, show DataFrames and Series as the course's tables (coursekit/tables.py): every
# notebook's first code cell imports coursekit. This imports neither IPython nor pandas.
from coursekit import tables as _tables  # noqa: E402

_tables.register()
