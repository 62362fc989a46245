"""A registered company, its contact person and its de minimis self-declaration."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from intake.clock import utcnow
from intake.extensions import db


class Company(db.Model):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(11), unique=True)
    sni_division: Mapped[str] = mapped_column(String(2))
    county_code: Mapped[str] = mapped_column(String(2), index=True)
    municipality: Mapped[str] = mapped_column(String(100))
    employees: Mapped[int]
    turnover_band: Mapped[str] = mapped_column(String(20))
    # Optional, for the programme's gender-equality reporting: "women", "men" or "mixed".
    leadership: Mapped[str | None] = mapped_column(String(10))

    # The contact person: personal data, wiped on erasure.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_role: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))

    # The language the contact registered in: e-mails to the company are written in it.
    language: Mapped[str] = mapped_column(String(2), default="sv", server_default="sv")

    consent_at: Mapped[datetime | None]
    privacy_notice_version: Mapped[str | None] = mapped_column(String(20))

    # De minimis: aid received in the current and two previous fiscal years, self-declared.
    de_minimis_received: Mapped[bool] = mapped_column(default=False)
    de_minimis_amount_eur: Mapped[int] = mapped_column(default=0)
    de_minimis_note: Mapped[str | None] = mapped_column(Text)
    de_minimis_declared_at: Mapped[datetime | None]

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    anonymised_at: Mapped[datetime | None]
    # Optimistic locking: two people saving the same company cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    # The coordinator who follows the company, set from the inbox. `use_alter`: users
    # point at companies too, and the cycle must not upset the order tables are sorted in.
    responsible_coordinator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True,
                   name="fk_companies_responsible_coordinator_id_users"), index=True)

    # The latest intake (the inbox's row), kept by the flush events in intake/models/intake.py
    # and, after rows are inserted in bulk, by `refresh_current_intakes`: the inbox joins it
    # directly instead of looking for each company's latest among every intake on every page.
    current_intake_id: Mapped[int | None] = mapped_column(
        ForeignKey("intakes.id", ondelete="SET NULL", use_alter=True,
                   name="fk_companies_current_intake_id_intakes"), index=True)

    __mapper_args__ = {"version_id_col": version}

    users = relationship("User", back_populates="company", cascade="all, delete-orphan",
                         foreign_keys="User.company_id")
    responsible_coordinator = relationship("User", foreign_keys=[responsible_coordinator_id])
    intakes = relationship(
        "Intake",
        back_populates="company",
        cascade="all, delete-orphan",
        order_by="Intake.id",
        foreign_keys="Intake.company_id",
    )

    @property
    def current_intake(self):
        return self.intakes[-1] if self.intakes else None
