"""Who acts: the actor's capacity per cell, the charter gate, the cell switcher, domain errors
and the one parser for ids in query strings. Sits below every feature app (DESIGN.md →
Architecture): it reads memberships and charter acceptances, and nothing else."""
