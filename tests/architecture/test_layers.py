"""Dependencies point one way (issue #24; the picture is docs/ARCHITECTURE.md).

Read from the source, so it needs no database: every import of the project's own
modules, those inside functions included, migrations and tests left out.
"""

import ast

import pytest

from tests.architecture.importgraph import ImportGraph, _imported_names, build_graph

# The ground floor and what it may lean on: nothing above it.
GROUND = {
    "mandate": {"workdays"},
    "tenants": {"mandate", "vietnamese", "workdays"},
    "vietnamese": set(),
    "workdays": set(),
    "blocks": set(),
}
# Services every floor above tenants may use (they lean on tenants at most), and cms,
# the page types every feature app builds on: cms imports no feature app.
SERVICES = {"security", "uploads", "caching"}
CMS_MAY_IMPORT = set(GROUND) | SERVICES
# Nothing imports the top floor: the project package (settings, URLconf) and the demo.
TOP = {"settings", "demo"}


@pytest.fixture(scope="module")
def graph() -> ImportGraph:
    return build_graph()


def test_no_import_cycle_between_top_level_packages(graph):
    assert graph.cycles() == []


@pytest.mark.parametrize("package", sorted(GROUND))
def test_ground_floor_imports_nothing_above_it(graph, package):
    upward = {
        target: sorted(modules)
        for (source, target), modules in graph.edges.items()
        if source == package and target not in GROUND[package]
    }
    assert upward == {}


@pytest.mark.parametrize("package", sorted(SERVICES | {"cms"}))
def test_services_and_cms_import_no_feature_app(graph, package):
    allowed = set(GROUND) if package in SERVICES else CMS_MAY_IMPORT
    upward = {
        target: sorted(modules)
        for (source, target), modules in graph.edges.items()
        if source == package and target not in allowed
    }
    assert upward == {}


def test_nothing_imports_the_top_floor(graph):
    into_top = {edge: sorted(modules) for edge, modules in graph.edges.items() if edge[1] in TOP and edge[0] not in TOP}
    assert into_top == {}


def test_settings_helpers_import_no_app(graph):
    """settings.base and its helpers run before any app is loaded; only the URLconf,
    the WSGI entry and the production checks reach into the apps."""
    allowed = {"settings.urls", "settings.production", "settings.wsgi"}
    settings_edges = {
        target: sorted(set(modules) - allowed)
        for (source, target), modules in graph.edges.items()
        if source == "settings" and target != "vietnamese"
    }
    assert {target: modules for target, modules in settings_edges.items() if modules} == {}


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    tree = ast.parse(
        "def f():\n    from cms.models import PortalPage\n"
        "from .rules import deadline_for\n"
        "from . import selectors\n"
    )
    names = _imported_names(tree, "compliance.panels", is_package=False)
    assert {"cms.models.PortalPage", "compliance.rules.deadline_for", "compliance.selectors"} <= set(names)


def test_a_cycle_would_be_found():
    graph = ImportGraph(packages={"a", "b", "c", "d"})
    graph.edges[("a", "b")].add("a.x")
    graph.edges[("b", "c")].add("b.x")
    graph.edges[("c", "a")].add("c.x")
    graph.edges[("c", "d")].add("c.y")
    assert graph.cycles() == [{"a", "b", "c"}]
