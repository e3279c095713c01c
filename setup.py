"""Only the build step that carries the top-level files the package reads at run time
(ingest/shipped.py: db/, metadata.yml, plugins/, templates/, static/) into the wheel;
everything else is declared in pyproject.toml."""

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = runpy.run_path("ingest/shipped.py")["SHIPPED"]  # declared once, where it is read


class BuildPyWithSiteFiles(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "ingest" / "_shipped"
        for name in SHIPPED:
            source, copy = Path(name), target / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildPyWithSiteFiles})
