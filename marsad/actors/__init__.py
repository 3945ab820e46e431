"""Actors: knowledge base (state actors, armed groups, people, organisations, media), noisy-name
lookup and in-document actor resolution (metonymy, force nouns, coreference)."""
from .kb import KnowledgeBase, norm
from .resolve import ActorResolver, entities, guess_actors, is_reporting_source, mentions_in, unidentified_actor

__all__ = ["KnowledgeBase", "ActorResolver", "entities", "is_reporting_source", "unidentified_actor", "norm",
           "guess_actors", "mentions_in"]
