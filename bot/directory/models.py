"""SQLAlchemy tables for the partner directory (SQLAlchemy 1.4, 2.0 style)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Partner(Base):
    __tablename__ = "partners"

    id = Column(String(80), primary_key=True)
    name = Column(String(150), nullable=False)
    summary = Column(Text, nullable=False)
    is_local = Column(Boolean, nullable=False, index=True)
    phone = Column(String(40))
    unconfirmed = Column(Boolean, nullable=False, default=False)
    not_taking_new = Column(Boolean, nullable=False, default=False, server_default=false())
    email = Column(String(200))
    website = Column(String(300))
    address = Column(String(300))
    opening_hours = Column(String(200))
    accessibility = Column(String(300))
    how_to_refer = Column(Text)
    source = Column(String(300), nullable=False)
    last_verified = Column(Date, nullable=False)
    # Who at the publisher last checked it (ORUK's assurer_email): for staff, not claimants.
    assurer_email = Column(String(200))
    # The id we publish it under in /oruk/ (oruk.oruk_id), kept so /oruk/services/{id}
    # is one index look-up rather than a walk of every partner.
    oruk_id = Column(String(36), index=True)
    # Where the row came from: 'knowledge' (national seed) or 'import'.
    origin = Column(String(20), nullable=False, default="import")

    categories = relationship("PartnerCategory", cascade="all, delete-orphan", lazy="selectin")
    places = relationship("PartnerPlace", cascade="all, delete-orphan", lazy="selectin")
    languages = relationship("PartnerLanguage", cascade="all, delete-orphan", lazy="selectin")


class PartnerCategory(Base):
    __tablename__ = "partner_categories"
    partner_id = Column(String(80), ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True)
    category = Column(String(40), primary_key=True)
    __table_args__ = (Index("ix_partner_categories_category", "category", "partner_id"),)


class PartnerPlace(Base):
    """A local authority id for a local partner, or a nation for a national one."""

    __tablename__ = "partner_places"
    partner_id = Column(String(80), ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True)
    place = Column(String(80), primary_key=True)
    __table_args__ = (Index("ix_partner_places_place", "place", "partner_id"),)


class PartnerLanguage(Base):
    __tablename__ = "partner_languages"
    partner_id = Column(String(80), ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True)
    language = Column(String(60), primary_key=True)
