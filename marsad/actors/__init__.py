"""Actors: knowledge base (state actors, armed groups, people, organisations, media), noisy-name
lookup and in-document actor resolution (metonymy, force nouns, coreference)."""
from .kb import KnowledgeBase, norm
from .resolve import ActorResolver, entities, is_reporting_source, unidentified_actor

__all__ = ["KnowledgeBase", "ActorResolver", "entities", "is_reporting_source", "unidentified_actor", "norm"]
