"""Events: trigger lexicon and classification (ACLED types, PLOVER, modality) and assembly into
Event records with their place, date, actors and counts."""
