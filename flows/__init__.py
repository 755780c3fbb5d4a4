"""Prefect flows: thin orchestration over the stage functions in `attrition.pipeline`."""
