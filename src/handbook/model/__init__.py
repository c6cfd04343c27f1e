"""The form model: what a register, a checklist and the policy are, independent of YAML or output."""
