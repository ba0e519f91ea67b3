"""The data models: what a clerk writes in YAML, validated with pydantic."""

from generator.model.appendix import Appendix, DelegationOrder, Signer, WorkingGroupOrder
from generator.model.base import PLACEHOLDERS, ListItem
from generator.model.organisation import Digits, Font, Organisation, Person, Role, Unit
from generator.model.plan import IssueDate, Period, Plan, Project, Risk, RiskArea, Target

__all__ = [
    "Appendix", "DelegationOrder", "Signer", "WorkingGroupOrder",
    "PLACEHOLDERS", "Digits", "Font", "IssueDate", "ListItem", "Organisation", "Period", "Person", "Plan",
    "Project", "Risk", "RiskArea", "Role", "Target", "Unit",
]
