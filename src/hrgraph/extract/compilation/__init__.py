"""Extractors for the Paraguay compilation (*Compilación de Obligaciones del Estado paraguayo*)."""
