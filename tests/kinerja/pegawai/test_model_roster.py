"""Integrity rules on the roster models: no supervisor cycles, no unit cycles."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db


def test_pegawai_clean_refuses_being_their_own_atasan():
    a = PegawaiFactory()
    a.atasan = a
    with pytest.raises(ValidationError) as exc:
        a.clean()
    assert "lingkaran" in exc.value.message_dict["atasan"][0]


def test_pegawai_clean_refuses_an_atasan_cycle():
    a = PegawaiFactory()
    b = PegawaiFactory(atasan=a)
    c = PegawaiFactory(atasan=b)
    a.atasan = c  # a → c → b → a
    with pytest.raises(ValidationError) as exc:
        a.clean()
    assert "atasan" in exc.value.message_dict


def test_pegawai_clean_accepts_a_chain_without_cycle():
    a = PegawaiFactory()
    b = PegawaiFactory(atasan=a)
    c = PegawaiFactory(atasan=b)
    c.clean()


def test_pegawai_clean_normalises_the_golongan():
    a = PegawaiFactory.build(golongan="iii / b")
    a.clean()
    assert a.golongan == "III/b"


def test_unit_clean_refuses_being_its_own_parent():
    unit = UnitKerjaFactory()
    unit.induk = unit
    with pytest.raises(ValidationError) as exc:
        unit.clean()
    assert "lingkaran" in exc.value.message_dict["induk"][0]


def test_unit_clean_refuses_a_parent_cycle():
    prov = UnitKerjaFactory()
    opd = UnitKerjaFactory(induk=prov)
    bidang = UnitKerjaFactory(induk=opd)
    prov.induk = bidang  # prov → bidang → opd → prov
    with pytest.raises(ValidationError) as exc:
        prov.clean()
    assert "induk" in exc.value.message_dict


def test_unit_clean_accepts_a_tree():
    prov = UnitKerjaFactory()
    UnitKerjaFactory(induk=UnitKerjaFactory(induk=prov)).clean()
