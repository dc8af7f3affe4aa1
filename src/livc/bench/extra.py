"""Dataset steps for apps built after the core (plans and actions)."""


def steps(case_table: str, today) -> list:
    return []
