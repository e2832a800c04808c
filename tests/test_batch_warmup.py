"""A batch loads what every conversion needs once, before its workers fork, so that
they share it instead of each loading it again."""
from __future__ import annotations

from converter.batch import warm_up
from converter.conversion import ConvertOptions
from converter.epub import render
from converter.labeller.model import trained_labeller


def test_the_batch_loads_the_model_and_templates_before_forking():
    trained_labeller.cache_clear()
    render._environment.cache_clear()
    warm_up(ConvertOptions())
    assert trained_labeller.cache_info().currsize == 1 and render._environment.cache_info().currsize == 1


def test_nothing_is_loaded_when_nothing_is_to_be_done():
    from converter.batch import run_batch

    trained_labeller.cache_clear()
    assert run_batch([], ConvertOptions(), jobs=2).records == []
    assert trained_labeller.cache_info().currsize == 0
