"""The coordinators' workspace: one blueprint, its routes split by task into modules."""
