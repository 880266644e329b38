#!/usr/bin/env python3
"""Generate the embedded pilot catalogue (assets/catalog/) of Pasar Daring.

The output follows README.md, section "Catalogue schema" (format_version 1): a small index.json that a
phone loads before its first screen, and one markets/<id>.json per market loaded when that market is first
opened. Phones fetch these over slow data, so the JSON is compact (no indentation, sorted keys).

Determinism contract: the output is a pure function of the tables in this file. There is no clock, no
random module and no dict-order dependence; every "random" choice is a SHA-256 of a descriptive key, and
distances use only +, *, and sqrt (correctly rounded in IEEE 754), so two runs on any machine give the same
bytes. tests/catalog/test_catalog_data.py regenerates into a temp dir and compares with the committed files.

Facts (markets, price ranges, units, delivery tariffs, QRIS layout) follow the project's field notes;
prices are market quotes with a date, varied per stall inside the quoted range. Addresses, stall layouts
and coordinates are approximations for a pilot and must be checked with each market before launch.

Usage: python3 tools/gen_pilot_catalog.py [--out DIR]   (default: assets/catalog next to this tool)
"""
import argparse
import binascii
import hashlib
import json
import os

FORMAT_VERSION = 1
CATALOG_VERSION = "2026-11-29.2"
REF_PRICE_DATE = "2026-11-27"  # last trade-office reference quote before the catalogue date
PRICE_YEAR_MONTH = "2026-11"

REGIONS = [  # (id, name, kind): the 15 regencies/cities of Lampung province
    ("bandar-lampung", "Bandar Lampung", "kota"), ("metro", "Metro", "kota"),
    ("lampung-barat", "Lampung Barat", "kabupaten"), ("lampung-selatan", "Lampung Selatan", "kabupaten"),
    ("lampung-tengah", "Lampung Tengah", "kabupaten"), ("lampung-timur", "Lampung Timur", "kabupaten"),
    ("lampung-utara", "Lampung Utara", "kabupaten"), ("mesuji", "Mesuji", "kabupaten"),
    ("pesawaran", "Pesawaran", "kabupaten"), ("pesisir-barat", "Pesisir Barat", "kabupaten"),
    ("pringsewu", "Pringsewu", "kabupaten"), ("tanggamus", "Tanggamus", "kabupaten"),
    ("tulang-bawang", "Tulang Bawang", "kabupaten"),
    ("tulang-bawang-barat", "Tulang Bawang Barat", "kabupaten"), ("way-kanan", "Way Kanan", "kabupaten"),
]

CATEGORIES = [  # (id, name_id, name_en)
    ("sayur", "Sayur", "Vegetables"), ("bumbu", "Bumbu dapur", "Spices"), ("ikan", "Ikan segar", "Fresh fish"),
    ("seafood", "Cumi, udang, kerang", "Seafood"), ("ikan_asin", "Ikan asin & teri", "Dried fish"),
    ("daging_ayam", "Daging & ayam", "Meat & chicken"), ("telur", "Telur", "Eggs"),
    ("tahu_tempe", "Tahu & tempe", "Tofu & tempeh"), ("sembako", "Sembako", "Staples"), ("buah", "Buah", "Fruit"),
]

# The 20 kecamatan of Bandar Lampung: (area id, name, approximate centroid lat, lon). The centroids are
# only used to derive area_distance_m and are deliberately not part of the output.
AREAS = [
    ("bumi-waras", "Bumi Waras", -5.4550, 105.2840), ("enggal", "Enggal", -5.4230, 105.2630),
    ("kedamaian", "Kedamaian", -5.4110, 105.2830), ("kedaton", "Kedaton", -5.3920, 105.2600),
    ("kemiling", "Kemiling", -5.3930, 105.2130), ("labuhan-ratu", "Labuhan Ratu", -5.3760, 105.2550),
    ("langkapura", "Langkapura", -5.3830, 105.2340), ("panjang", "Panjang", -5.4720, 105.3180),
    ("rajabasa", "Rajabasa", -5.3640, 105.2420), ("sukabumi", "Sukabumi", -5.4150, 105.3070),
    ("sukarame", "Sukarame", -5.3800, 105.3040), ("tk-barat", "Tanjung Karang Barat", -5.4080, 105.2350),
    ("tk-pusat", "Tanjung Karang Pusat", -5.4120, 105.2520), ("tk-timur", "Tanjung Karang Timur", -5.4200, 105.2740),
    ("tanjung-senang", "Tanjung Senang", -5.3560, 105.2830), ("tb-barat", "Teluk Betung Barat", -5.4480, 105.2200),
    ("tb-selatan", "Teluk Betung Selatan", -5.4500, 105.2660), ("tb-timur", "Teluk Betung Timur", -5.4600, 105.2400),
    ("tb-utara", "Teluk Betung Utara", -5.4330, 105.2560), ("way-halim", "Way Halim", -5.3920, 105.2800),
]

# Sale-step presets for weight and volume units: (label, qty_milli of the base unit).
STEPS = {
    "ons": [("1 ons", 100), ("1/4 kg", 250), ("1/2 kg", 500), ("1 kg", 1000)],
    "ons3": [("1 ons", 100), ("1/4 kg", 250), ("1/2 kg", 500)],
    "qkg": [("1/4 kg", 250), ("1/2 kg", 500), ("1 kg", 1000)],
    "hkg": [("1/2 kg", 500), ("1 kg", 1000), ("2 kg", 2000)],
    "rice": [("1 kg", 1000), ("5 kg", 5000), ("10 kg", 10000)],
    "liter": [("1/2 liter", 500), ("1 liter", 1000), ("2 liter", 2000)],
    "pouch": [("1 bungkus (1 liter)", 1000), ("2 bungkus (2 liter)", 2000)],
}

# Items: name -> (category, unit or piece name, piece_weight_g, low, high, rounding, steps, flags).
# A unit other than kg/liter is a piece name (unit "piece") and its steps are piece counts.
# Flags: "w" weighed on the scale, "f" the buyer may type a free weight/volume.
# Ranges are whole rupiah per base unit, inside the field notes' 2024-2026 quotes where they exist; for a
# single point quote (minyak curah 17.000, kelapa 10.000/gandeng, teri basah 25.000, live chicken 25.000/ekor)
# stalls vary by at most about 5%.
ITEMS = {
    # sayur
    "Kangkung": ("sayur", "ikat", 250, 1000, 3000, 500, (1, 3), ""),
    "Bayam": ("sayur", "ikat", 250, 1000, 3000, 500, (1, 3), ""),
    "Sawi hijau": ("sayur", "ikat", 300, 1000, 3000, 500, (1, 3), ""),
    "Daun singkong": ("sayur", "ikat", 300, 1000, 3000, 500, (1, 3), ""),
    "Kacang panjang": ("sayur", "ikat", 250, 2000, 5000, 500, (1, 3), ""),
    "Tomat": ("sayur", "kg", 0, 8000, 16000, 500, "qkg", "wf"),
    "Kentang": ("sayur", "kg", 0, 10000, 16000, 500, "qkg", "wf"),
    "Wortel": ("sayur", "kg", 0, 6000, 10000, 500, "qkg", "wf"),
    "Kol": ("sayur", "kg", 0, 3000, 7000, 500, "hkg", "wf"),
    "Buncis": ("sayur", "kg", 0, 7000, 14000, 500, "qkg", "wf"),
    "Jagung manis": ("sayur", "buah", 350, 2000, 2500, 250, (1, 3, 5), ""),
    "Terong ungu": ("sayur", "kg", 0, 6000, 10000, 500, "qkg", "wf"),
    "Timun": ("sayur", "kg", 0, 5000, 8000, 500, "qkg", "wf"),
    "Labu siam": ("sayur", "buah", 300, 2000, 3000, 500, (1, 3), ""),
    "Daun bawang": ("sayur", "ikat", 100, 2000, 3000, 500, (1, 2), ""),
    "Seledri": ("sayur", "ikat", 50, 1000, 2000, 500, (1, 2), ""),
    "Pare": ("sayur", "kg", 0, 10000, 14000, 500, "qkg", "wf"),
    "Oyong": ("sayur", "kg", 0, 8000, 12000, 500, "qkg", "wf"),
    "Tauge": ("sayur", "kg", 0, 8000, 12000, 500, "ons3", "wf"),
    "Sawi putih": ("sayur", "kg", 0, 8000, 12000, 500, "hkg", "wf"),
    "Brokoli": ("sayur", "kg", 0, 25000, 35000, 500, "qkg", "wf"),
    "Kembang kol": ("sayur", "kg", 0, 20000, 30000, 500, "qkg", "wf"),
    "Daun pepaya": ("sayur", "ikat", 200, 2000, 3000, 500, (1, 2), ""),
    "Genjer": ("sayur", "ikat", 250, 2000, 3000, 500, (1, 2), ""),
    "Pakis": ("sayur", "ikat", 250, 3000, 5000, 500, (1, 2), ""),
    "Kemangi": ("sayur", "ikat", 50, 1000, 2000, 500, (1, 2), ""),
    "Petai": ("sayur", "papan", 100, 5000, 10000, 500, (1, 3), ""),
    "Jengkol": ("sayur", "kg", 0, 20000, 35000, 500, "ons", "wf"),
    "Labu kuning": ("sayur", "kg", 0, 6000, 9000, 500, "hkg", "wf"),
    "Ubi jalar": ("sayur", "kg", 0, 6000, 10000, 500, "hkg", "wf"),
    "Singkong": ("sayur", "kg", 0, 4000, 6000, 500, "hkg", "wf"),
    "Nangka muda": ("sayur", "kg", 0, 6000, 10000, 500, "hkg", "wf"),
    "Selada": ("sayur", "ikat", 150, 2000, 3000, 500, (1, 2), ""),
    # bumbu
    "Cabai rawit merah": ("bumbu", "kg", 0, 50000, 70500, 500, "ons", "wf"),
    "Cabai rawit hijau": ("bumbu", "kg", 0, 35000, 50000, 500, "ons", "wf"),
    "Cabai merah keriting": ("bumbu", "kg", 0, 21000, 42000, 500, "ons", "wf"),
    "Cabai merah besar": ("bumbu", "kg", 0, 25000, 45000, 500, "ons", "wf"),
    "Bawang merah": ("bumbu", "kg", 0, 22000, 45000, 500, "ons", "wf"),
    "Bawang putih": ("bumbu", "kg", 0, 33000, 38500, 500, "ons", "wf"),
    "Bawang bombay": ("bumbu", "kg", 0, 25000, 35000, 500, "ons", "wf"),
    "Jahe": ("bumbu", "kg", 0, 20000, 30000, 500, "ons", "wf"),
    "Kunyit": ("bumbu", "kg", 0, 12000, 20000, 500, "ons", "wf"),
    "Lengkuas": ("bumbu", "kg", 0, 10000, 16000, 500, "ons", "wf"),
    "Kencur": ("bumbu", "kg", 0, 25000, 35000, 500, "ons3", "wf"),
    "Serai": ("bumbu", "ikat", 100, 1000, 2000, 500, (1, 2), ""),
    "Kemiri": ("bumbu", "kg", 0, 40000, 55000, 500, "ons", "wf"),
    "Lada": ("bumbu", "kg", 0, 100000, 140000, 500, "ons3", "wf"),
    "Ketumbar": ("bumbu", "kg", 0, 30000, 40000, 500, "ons3", "wf"),
    "Daun salam": ("bumbu", "ikat", 30, 1000, 1500, 500, (1, 2), ""),
    "Daun jeruk": ("bumbu", "ikat", 30, 1000, 2000, 500, (1, 2), ""),
    "Jeruk nipis": ("bumbu", "kg", 0, 15000, 25000, 500, "ons3", "wf"),
    "Asam jawa": ("bumbu", "bungkus", 250, 4000, 6000, 500, (1, 2), ""),
    "Terasi": ("bumbu", "bungkus", 100, 3000, 5000, 500, (1, 2), ""),
    "Kelapa": ("bumbu", "gandeng", 1800, 9500, 10500, 500, (1, 2), ""),
    # ikan (whole fish, per kg, weighed)
    "Ikan tongkol": ("ikan", "kg", 0, 25000, 35000, 500, "hkg", "wf"),
    "Ikan kembung": ("ikan", "kg", 0, 35000, 40000, 500, "hkg", "wf"),
    "Ikan tenggiri": ("ikan", "kg", 0, 45000, 65000, 500, "hkg", "wf"),
    "Ikan ekor kuning": ("ikan", "kg", 0, 25000, 30000, 500, "hkg", "wf"),
    "Ikan selar": ("ikan", "kg", 0, 30000, 35000, 500, "hkg", "wf"),
    "Ikan kakap merah": ("ikan", "kg", 0, 40000, 55000, 500, "hkg", "wf"),
    "Ikan simba": ("ikan", "kg", 0, 35000, 40000, 500, "hkg", "wf"),
    "Ikan bawal": ("ikan", "kg", 0, 35000, 55000, 500, "hkg", "wf"),
    "Teri basah": ("ikan", "kg", 0, 24000, 26000, 500, "qkg", "wf"),
    "Ikan layang": ("ikan", "kg", 0, 25000, 32000, 500, "hkg", "wf"),
    "Ikan baronang": ("ikan", "kg", 0, 40000, 55000, 500, "hkg", "wf"),
    "Ikan kuwe": ("ikan", "kg", 0, 45000, 60000, 500, "hkg", "wf"),
    "Ikan lele": ("ikan", "kg", 0, 22000, 28000, 500, "hkg", "wf"),
    "Ikan nila": ("ikan", "kg", 0, 30000, 38000, 500, "hkg", "wf"),
    "Ikan mas": ("ikan", "kg", 0, 35000, 45000, 500, "hkg", "wf"),
    "Ikan patin": ("ikan", "kg", 0, 25000, 32000, 500, "hkg", "wf"),
    "Ikan gurame": ("ikan", "kg", 0, 45000, 55000, 500, "hkg", "wf"),
    # seafood
    "Cumi-cumi": ("seafood", "kg", 0, 40000, 60000, 500, "qkg", "wf"),
    "Udang": ("seafood", "kg", 0, 60000, 100000, 500, "qkg", "wf"),
    "Rajungan": ("seafood", "kg", 0, 40000, 80000, 500, "hkg", "wf"),
    "Kerang hijau": ("seafood", "kg", 0, 15000, 20000, 500, "hkg", "wf"),
    "Kerang dara": ("seafood", "kg", 0, 25000, 35000, 500, "hkg", "wf"),
    "Kepiting bakau": ("seafood", "kg", 0, 90000, 130000, 500, "hkg", "wf"),
    "Sotong": ("seafood", "kg", 0, 45000, 65000, 500, "qkg", "wf"),
    # ikan_asin
    "Teri nasi kering": ("ikan_asin", "kg", 0, 90000, 140000, 500, "ons", "wf"),
    "Teri jengki kering": ("ikan_asin", "kg", 0, 70000, 100000, 500, "ons", "wf"),
    "Ikan asin jambal roti": ("ikan_asin", "kg", 0, 120000, 160000, 500, "ons", "wf"),
    "Ikan asin sepat": ("ikan_asin", "kg", 0, 50000, 70000, 500, "ons", "wf"),
    "Ikan asin layur": ("ikan_asin", "kg", 0, 60000, 80000, 500, "ons", "wf"),
    "Ikan asin tenggiri": ("ikan_asin", "kg", 0, 150000, 200000, 500, "ons", "wf"),
    "Cumi asin": ("ikan_asin", "kg", 0, 100000, 140000, 500, "ons", "wf"),
    "Ebi": ("ikan_asin", "kg", 0, 120000, 160000, 500, "ons3", "wf"),
    # daging_ayam
    "Daging sapi": ("daging_ayam", "kg", 0, 120000, 132500, 500, "qkg", "wf"),
    "Tetelan sapi": ("daging_ayam", "kg", 0, 60000, 80000, 500, "qkg", "wf"),
    "Tulang sapi": ("daging_ayam", "kg", 0, 35000, 50000, 500, "hkg", "wf"),
    "Babat sapi": ("daging_ayam", "kg", 0, 50000, 70000, 500, "qkg", "wf"),
    "Hati sapi": ("daging_ayam", "kg", 0, 80000, 100000, 500, "qkg", "wf"),
    "Iga sapi": ("daging_ayam", "kg", 0, 90000, 110000, 500, "hkg", "wf"),
    "Kikil sapi": ("daging_ayam", "kg", 0, 40000, 60000, 500, "qkg", "wf"),
    "Daging kambing": ("daging_ayam", "kg", 0, 130000, 150000, 500, "qkg", "wf"),
    "Daging ayam ras": ("daging_ayam", "kg", 0, 30000, 40000, 500, "hkg", "wf"),
    "Ayam ras hidup": ("daging_ayam", "ekor", 1200, 24000, 26000, 500, (1, 2), ""),
    "Ayam kampung": ("daging_ayam", "ekor", 1000, 75000, 95000, 500, (1,), ""),
    "Ceker ayam": ("daging_ayam", "kg", 0, 15000, 25000, 500, "qkg", "wf"),
    "Hati ampela ayam": ("daging_ayam", "kg", 0, 25000, 35000, 500, "qkg", "wf"),
    "Sayap ayam": ("daging_ayam", "kg", 0, 30000, 38000, 500, "qkg", "wf"),
    "Dada ayam fillet": ("daging_ayam", "kg", 0, 45000, 55000, 500, "qkg", "wf"),
    "Paha ayam": ("daging_ayam", "kg", 0, 35000, 42000, 500, "qkg", "wf"),
    # telur: by weight, and the same eggs singly (eceran) for buyers who ask for a few butir
    "Telur ayam ras": ("telur", "kg", 0, 28000, 29000, 250, "qkg", "wf"),
    "Telur ayam ras eceran": ("telur", "butir", 62, 1750, 2000, 250, (1, 5, 10), ""),
    "Telur ayam kampung": ("telur", "butir", 50, 2500, 3000, 250, (1, 5, 10), ""),
    "Telur bebek": ("telur", "butir", 70, 3000, 3500, 250, (1, 5, 10), ""),
    # tahu_tempe
    "Tempe": ("tahu_tempe", "papan", 500, 4000, 6000, 500, (1, 2), ""),
    "Tempe bungkus daun": ("tahu_tempe", "bungkus", 100, 1000, 1500, 500, (1, 5), ""),
    "Tahu": ("tahu_tempe", "biji", 60, 500, 1000, 250, (1, 5, 10), ""),
    "Tahu kuning": ("tahu_tempe", "biji", 60, 750, 1250, 250, (1, 5, 10), ""),
    # sembako
    "Beras medium": ("sembako", "kg", 0, 13500, 15500, 500, "rice", "f"),
    "Beras premium": ("sembako", "kg", 0, 15500, 17500, 500, "rice", "f"),
    "Beras ketan putih": ("sembako", "kg", 0, 18000, 22000, 500, "qkg", "f"),
    "Minyak goreng curah": ("sembako", "liter", 0, 16500, 17500, 500, "liter", "f"),
    "Minyak goreng MinyaKita": ("sembako", "liter", 0, 15700, 15700, 100, "pouch", ""),
    "Gula pasir": ("sembako", "kg", 0, 17000, 18000, 250, "qkg", "f"),
    "Gula merah": ("sembako", "kg", 0, 18000, 25000, 500, "qkg", "wf"),
    "Tepung terigu": ("sembako", "kg", 0, 11000, 13000, 500, "qkg", "f"),
    "Tepung tapioka": ("sembako", "kg", 0, 10000, 13000, 500, "qkg", "f"),
    "Garam": ("sembako", "bungkus", 250, 2000, 3000, 500, (1, 2), ""),
    "Kacang hijau": ("sembako", "kg", 0, 22000, 28000, 500, "qkg", "wf"),
    "Kacang tanah": ("sembako", "kg", 0, 28000, 35000, 500, "qkg", "wf"),
    "Kacang kedelai": ("sembako", "kg", 0, 11000, 14000, 500, "qkg", "wf"),
    "Kopi bubuk robusta": ("sembako", "kg", 0, 80000, 120000, 500, "ons3", "wf"),
    "Mi instan": ("sembako", "bungkus", 85, 3000, 3500, 250, (1, 5, 10), ""),
    "Susu kental manis": ("sembako", "kaleng", 370, 11000, 13000, 500, (1, 2), ""),
    # buah
    "Pisang ambon": ("buah", "sisir", 1500, 15000, 25000, 500, (1, 2), ""),
    "Pisang kepok": ("buah", "sisir", 1500, 12000, 20000, 500, (1, 2), ""),
    "Pisang raja": ("buah", "sisir", 1300, 20000, 30000, 500, (1, 2), ""),
    "Pepaya": ("buah", "buah", 1500, 8000, 12000, 500, (1, 2), ""),
    "Jeruk siam": ("buah", "kg", 0, 18000, 28000, 500, "hkg", "wf"),
    "Semangka": ("buah", "kg", 0, 6000, 9000, 500, "hkg", "wf"),
    "Nanas": ("buah", "buah", 1500, 8000, 12000, 500, (1, 2), ""),
    "Salak": ("buah", "kg", 0, 10000, 15000, 500, "hkg", "wf"),
    "Mangga harum manis": ("buah", "kg", 0, 18000, 28000, 500, "hkg", "wf"),
    "Alpukat": ("buah", "kg", 0, 20000, 30000, 500, "hkg", "wf"),
    "Jambu biji": ("buah", "kg", 0, 10000, 14000, 500, "hkg", "wf"),
    "Melon": ("buah", "kg", 0, 12000, 18000, 500, "hkg", "wf"),
    "Buah naga": ("buah", "kg", 0, 18000, 28000, 500, "hkg", "wf"),
}

# Trade-office reference prices per base unit for the monitored staples (dated REF_PRICE_DATE).
REF_PRICES = {
    "Beras medium": 14500, "Cabai merah keriting": 32000, "Cabai rawit merah": 58000,
    "Bawang merah": 34000, "Bawang putih": 36000, "Daging ayam ras": 35000, "Daging sapi": 125000,
    "Telur ayam ras": 28500, "Minyak goreng curah": 17000, "Minyak goreng MinyaKita": 15700,
    "Gula pasir": 17500,
}

_FRESHWATER = ["Ikan lele", "Ikan nila", "Ikan mas", "Ikan patin", "Ikan gurame"]
_SEA_FISH = [n for n, s in ITEMS.items() if s[0] == "ikan" and n not in _FRESHWATER]
_SAYUR_EXTRA = ["Cabai rawit merah", "Cabai merah keriting", "Bawang merah", "Bawang putih"]

# Stall kinds: (pool of items, (min, max) items per stall, stall-name patterns). {blk} and {no} are filled
# per stall; names describe the place and trade, never a person.
STALL_KINDS = {
    "sayur": ([n for n, s in ITEMS.items() if s[0] == "sayur"] + _SAYUR_EXTRA, (10, 14),
              ["Los Sayur Blok {blk} No. {no}", "Lapak Sayur {no}"]),
    "bumbu": ([n for n, s in ITEMS.items() if s[0] == "bumbu"] + ["Tomat"], (10, 14),
              ["Los Bumbu Blok {blk} No. {no}", "Lapak Bumbu {no}"]),
    "ikan": (_SEA_FISH + _FRESHWATER, (8, 12), ["Lapak Ikan {no}", "Los Ikan Blok {blk} No. {no}"]),
    "ikan_laut": (_SEA_FISH + ["Cumi-cumi"], (8, 12), ["Lapak Ikan {no}", "Meja Lelang {no}"]),
    "seafood": ([n for n, s in ITEMS.items() if s[0] == "seafood"], (5, 7), ["Lapak Udang dan Cumi {no}"]),
    "ikan_asin": ([n for n, s in ITEMS.items() if s[0] == "ikan_asin"], (5, 8),
                  ["Kios Ikan Asin No. {no}", "Lapak Teri {no}"]),
    "daging": ([n for n, s in ITEMS.items() if s[0] == "daging_ayam" and "ayam" not in n.lower()], (5, 8),
               ["Los Daging Blok {blk} No. {no}"]),
    "ayam": ([n for n, s in ITEMS.items() if s[0] == "daging_ayam" and "ayam" in n.lower()], (5, 8),
             ["Los Ayam Blok {blk} No. {no}", "Lapak Ayam Potong {no}"]),
    "telur": ([n for n, s in ITEMS.items() if s[0] == "telur"], (3, 4), ["Kios Telur No. {no}"]),
    "tahu_tempe": ([n for n, s in ITEMS.items() if s[0] == "tahu_tempe"] + ["Tauge", "Kacang kedelai"], (4, 6),
                   ["Lapak Tahu Tempe {no}"]),
    "sembako": ([n for n, s in ITEMS.items() if s[0] == "sembako"] + ["Telur ayam ras", "Telur ayam ras eceran"],
                (10, 14), ["Kios Sembako No. {no}", "Toko Sembako Blok {blk} No. {no}"]),
    "buah": ([n for n, s in ITEMS.items() if s[0] == "buah"], (7, 10), ["Lapak Buah {no}", "Los Buah Blok {blk} No. {no}"]),
}

LOCATIONS_PASAR = ["Lantai dasar, dekat pintu utama", "Lantai dasar, lorong tengah", "Lantai dasar, sisi timur",
                   "Lantai dasar, sisi barat", "Lantai 1, dekat tangga", "Halaman depan, los terbuka",
                   "Sisi belakang, dekat area parkir", "Lorong samping, dekat musala"]
LOCATIONS_COAST = ["Dekat tempat pelelangan ikan", "Deretan lapak tepi dermaga", "Samping kantor koperasi",
                   "Gudang pendingin, pintu depan", "Los terbuka dekat tempat parkir"]


def Mpk(min_fee_rp, per_km_rp, min_distance_m=4000):
    return {"kind": "min_plus_per_km", "min_fee_rp": min_fee_rp, "min_distance_m": min_distance_m,
            "per_km_rp": per_km_rp}


def Zones(*pairs):
    return {"kind": "zones", "zones": [{"max_distance_m": d, "fee_rp": f} for d, f in pairs]}


def Flat(fee_rp):
    return {"kind": "flat", "fee_rp": fee_rp}


CITY_ZONES = Zones((3000, 5000), (7000, 10000), (12000, 15000))

# The 14 pilot markets. Kecamatan follow the known locations; where a location is uncertain the plausible
# kecamatan is used and marked "approx". Street addresses are approximate throughout (check on site).
# ll: (lat, lon) of the pickup point, for area_distance_m. bias: where the market sits inside each item's
# price range in percent (0 = bottom): source and wholesale markets low, residential markets higher.
# delivery: (methods besides pickup, min_order_rp, free_above_rp, max_distance_m). stalls: one STALL_KINDS
# key per stall, in stall-number order.
MARKETS = [
    dict(id="pasar-pasir-gintung", name="Pasar Pasir Gintung", kind="pasar", kecamatan="Tanjung Karang Pusat",
         address="Jl. Pisang, Kel. Pasir Gintung", hours=("03:00", "17:00", "14:00"),
         known_for=("Grosir sayur dan buah sejak subuh",
                    "Wholesale vegetables and fruit from dawn"),
         pickup="Kantor koperasi pasar, pintu utama Jl. Pisang", ll=(-5.4135, 105.2535), bias=30,
         delivery=([("coop_courier", Mpk(8000, 2000)), ("ojek", Mpk(10000, 2500))], 20000, 0, 12000),
         stalls="sayur sayur sayur sayur bumbu bumbu bumbu buah buah sembako telur tahu_tempe ayam daging ikan"),
    dict(id="pasar-kota-karang", name="Pasar Kota Karang Sejahtera", kind="pasar", kecamatan="Teluk Betung Timur",
         address="Jl. R.E. Martadinata, Kel. Kota Karang", hours=("05:00", "13:00", "10:00"),
         known_for=("Teri kering Pulau Pasaran, ikan segar",
                    "Pulau Pasaran dried anchovy, fresh fish"),
         pickup="Pos koperasi di gerbang pasar, dekat dermaga", ll=(-5.4560, 105.2410), bias=25,
         delivery=([("coop_courier", CITY_ZONES), ("ojek", Mpk(9000, 2500))], 15000, 150000, 12000),
         stalls="ikan_asin ikan_asin ikan_asin ikan_laut ikan_laut seafood sayur bumbu sembako"),
    # approx: Pasar Cimeng taken as Sumur Batu, Teluk Betung Utara
    dict(id="pasar-cimeng", name="Pasar Cimeng", kind="pasar", kecamatan="Teluk Betung Utara",
         address="Kel. Sumur Batu", hours=("05:00", "14:00", "11:00"),
         known_for=("Pasar pagi: sayur, ikan, lauk harian",
                    "Morning market: vegetables, fish"),
         pickup="Meja koperasi dekat pintu masuk utama", ll=(-5.4360, 105.2590), bias=50,
         delivery=([("stall", Zones((3000, 5000))), ("ojek", Mpk(8000, 2000))], 10000, 0, 10000),
         stalls="sayur sayur bumbu ikan ikan ayam daging sembako tahu_tempe buah"),
    # approx: Pasar Tamin taken as Sukajawa, Tanjung Karang Barat
    dict(id="pasar-tamin", name="Pasar Tamin", kind="pasar", kecamatan="Tanjung Karang Barat",
         address="Jl. Tamin, Kel. Sukajawa", hours=("05:00", "17:00", "15:00"),
         known_for=("Sayur, bumbu, daging untuk warung",
                    "Vegetables, spices, meat for eateries"),
         pickup="Kantor pengelola pasar, sisi Jl. Tamin", ll=(-5.4110, 105.2410), bias=40,
         delivery=([("coop_courier", Mpk(8000, 2500)), ("stall", Zones((2000, 5000)))], 15000, 200000, 10000),
         stalls="sayur sayur bumbu bumbu daging daging ayam sembako sembako telur tahu_tempe"),
    # approx: Pasar Bawah (the old city-centre market) taken as Enggal
    dict(id="pasar-bawah", name="Pasar Bawah", kind="pasar", kecamatan="Enggal",
         address="Jl. Batu Sangkar, Kel. Pelita", hours=("07:00", "17:00", "15:00"),
         known_for=("Pusat kota: sembako, bumbu, buah",
                    "City centre: staples, spices, fruit"),
         pickup="Pos koperasi lantai dasar, pintu Jl. Batu Sangkar", ll=(-5.4190, 105.2590), bias=60,
         delivery=([("ojek", Mpk(10000, 2500)), ("coop_courier", CITY_ZONES)], 20000, 0, 12000),
         stalls="sembako sembako bumbu bumbu sayur buah buah ikan_asin telur tahu_tempe ayam"),
    # approx: address; kecamatan as given for the pilot
    dict(id="pasar-tugu", name="Pasar Tugu", kind="pasar", kecamatan="Tanjung Karang Timur",
         address="Jl. Hayam Wuruk", hours=("05:00", "16:00", "14:00"),
         known_for=("Kebutuhan dapur lengkap",
                    "Everything for the kitchen"),
         pickup="Kantor koperasi pasar, dekat gerbang depan", ll=(-5.4180, 105.2720), bias=50,
         delivery=([("coop_courier", Zones((3000, 5000), (7000, 10000), (15000, 15000))),
                    ("ojek", Mpk(8000, 2000)), ("stall", Zones((2000, 5000)))], 15000, 150000, 15000),
         stalls="sayur sayur bumbu bumbu daging ayam ayam ikan sembako sembako telur tahu_tempe buah"),
    dict(id="pasar-way-halim", name="Pasar Way Halim", kind="pasar", kecamatan="Way Halim",
         address="Jl. Sultan Agung, Kel. Way Halim Permai", hours=("05:00", "14:00", "11:00"),
         known_for=("Sayur, ayam potong, tahu tempe",
                    "Vegetables, chicken, tofu, tempeh"),
         pickup="Meja koperasi di pintu timur", ll=(-5.3890, 105.2790), bias=70,
         delivery=([("coop_courier", Mpk(8000, 2000)), ("stall", Zones((3000, 5000)))], 10000, 100000, 10000),
         stalls="sayur sayur bumbu ayam daging ikan sembako tahu_tempe buah"),
    # approx: Pasar Koga taken as Sidodadi, Kedaton
    dict(id="pasar-koga", name="Pasar Koga", kind="pasar", kecamatan="Kedaton",
         address="Kel. Sidodadi, dekat Jl. Teuku Umar", hours=("04:00", "12:00", "09:00"),
         known_for=("Pasar pagi: sayur, daging, ayam",
                    "Morning market: vegetables, meat"),
         pickup="Pos koperasi di halaman parkir depan", ll=(-5.3960, 105.2610), bias=60,
         delivery=([("coop_courier", Zones((3000, 5000), (7000, 10000), (15000, 15000))),
                    ("ojek", Mpk(9000, 2500))], 20000, 0, 15000),
         stalls="sayur sayur bumbu bumbu ayam daging ikan sembako telur tahu_tempe buah"),
    dict(id="pasar-panjang", name="Pasar Panjang", kind="pasar", kecamatan="Panjang",
         address="Jl. Yos Sudarso, Kel. Panjang Utara", hours=("05:00", "16:00", "13:00"),
         known_for=("Ikan dan sembako dekat pelabuhan",
                    "Fish and staples by the port"),
         pickup="Kantor koperasi pasar, sisi Jl. Yos Sudarso", ll=(-5.4700, 105.3190), bias=45,
         delivery=([("ojek", Mpk(10000, 2500)), ("coop_courier", Mpk(8000, 2500))], 15000, 0, 15000),
         stalls="sayur bumbu ikan ikan_laut seafood ikan_asin ayam sembako tahu_tempe"),
    dict(id="pasar-gudang-lelang", name="Pasar Gudang Lelang", kind="pasar", kecamatan="Teluk Betung Selatan",
         address="Kel. Gudang Lelang", hours=("04:00", "13:00", "10:00"),
         known_for=("Ikan segar; lelang saat kapal mendarat",
                    "Fresh fish; auctions when boats land"),
         auction_days=[1, 3, 5],
         pickup="Pos koperasi di depan tempat pelelangan", ll=(-5.4490, 105.2680), bias=25,
         delivery=([("coop_courier", Zones((3000, 5000), (7000, 10000), (14000, 15000))),
                    ("ojek", Mpk(10000, 2500))], 25000, 250000, 14000),
         stalls="ikan_laut ikan_laut ikan_laut ikan_laut seafood seafood ikan_asin ikan_asin bumbu"),
    dict(id="pasar-way-kandis", name="Pasar Way Kandis", kind="pasar", kecamatan="Tanjung Senang",
         address="Jl. Ratu Dibalau, Kel. Way Kandis", hours=("05:00", "12:00", "09:00"),
         known_for=("Pasar pagi: sayur, ikan tawar, telur",
                    "Morning market: vegetables, pond fish"),
         pickup="Meja koperasi dekat pintu masuk", ll=(-5.3600, 105.2880), bias=65,
         delivery=([("stall", Flat(5000)), ("ojek", Mpk(8000, 2000))], 10000, 0, 6000),
         stalls="sayur sayur bumbu ikan ayam sembako tahu_tempe telur"),
    # approx: Koperasi Bahtera Samudera Jaya placed at the Sukaraja fish landing, Bumi Waras
    dict(id="koperasi-bahtera-samudera-jaya", name="Koperasi Bahtera Samudera Jaya", kind="koperasi_nelayan",
         kecamatan="Bumi Waras", address="Kel. Sukaraja, dekat pendaratan ikan",
         hours=("06:00", "15:00", "12:00"),
         known_for=("Ikan laut dan cumi dari nelayan",
                    "Sea fish and squid from fishermen"),
         auction_days=[2, 5],
         pickup="Kantor koperasi, samping tempat pendaratan", ll=(-5.4570, 105.2810), bias=15,
         delivery=([("coop_courier", Mpk(8000, 2500))], 30000, 300000, 12000),
         stalls="ikan_laut ikan_laut ikan_laut ikan_laut seafood seafood ikan_asin ikan_asin"),
    dict(id="kud-mina-jaya", name="KUD Mina Jaya", kind="koperasi_nelayan", kecamatan="Teluk Betung Timur",
         address="TPI Lempasing, Jl. R.E. Martadinata",
         hours=("05:00", "14:00", "11:00"),
         known_for=("Ikan lelang TPI Lempasing",
                    "Fish from the Lempasing auction"),
         auction_days=[1, 3, 5],
         pickup="Kantor KUD di TPI Lempasing", ll=(-5.4850, 105.2280), bias=10,
         delivery=([("coop_courier", Zones((3000, 5000), (7000, 10000), (15000, 15000))),
                    ("ojek", Mpk(10000, 2500))], 50000, 0, 15000),
         stalls="ikan_laut ikan_laut ikan_laut ikan_laut seafood seafood ikan_asin ikan_asin"),
    # approx: placed at Kota Karang Raya, opposite Pulau Pasaran
    dict(id="koperasi-nelayan-rizki-eza-mandiri", name="Koperasi Nelayan Rizki Eza Mandiri",
         kind="koperasi_nelayan", kecamatan="Teluk Betung Timur",
         address="Kel. Kota Karang Raya, dekat penyeberangan Pulau Pasaran",
         hours=("06:00", "15:00", "12:00"),
         known_for=("Teri nasi dan ikan asin nelayan",
                    "Fishers' dried anchovy, salted fish"),
         auction_days=[2, 6],
         pickup="Gudang koperasi, dekat penyeberangan", ll=(-5.4600, 105.2380), bias=15,
         delivery=([("ojek", Mpk(8000, 2000)), ("coop_courier", Mpk(8000, 2000))], 25000, 200000, 12000),
         stalls="ikan_asin ikan_asin ikan_asin ikan_asin ikan_laut ikan_laut seafood seafood"),
]

# Items a stall of that kind in that market always carries (what the market is known for).
SIGNATURE = {
    ("pasar-kota-karang", "ikan_asin"): ["Teri nasi kering", "Teri jengki kering"],
    ("koperasi-nelayan-rizki-eza-mandiri", "ikan_asin"): ["Teri nasi kering", "Teri jengki kering"],
    ("pasar-gudang-lelang", "ikan_laut"): ["Ikan tongkol", "Ikan kembung"],
    ("kud-mina-jaya", "ikan_laut"): ["Ikan tongkol", "Ikan kembung"],
}

OUT_KIND = {"ikan_laut": "ikan"}  # a sea-fish-only stall is still a fish stall to the buyer
COAST_KINDS = ("koperasi_nelayan",)
COAST_MARKETS = ("pasar-gudang-lelang", "pasar-kota-karang")
MCC = {"sembako": "5411", "telur": "5411", "daging": "5422", "ayam": "5422"}  # else 5499 (misc food)
COS_LAT = 0.99553  # cos(5.42 deg), Bandar Lampung's latitude; a literal so no libm call enters the output


def Hash(*parts):
    """A stable 64-bit number for a descriptive key: the only source of variation in the catalogue."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def RoadDistanceM(a, b):
    """Approximate road distance: straight line (equirectangular) x 1.3, rounded to 100 m, at least 500 m."""
    dy = (a[0] - b[0]) * 110574.0
    dx = (a[1] - b[1]) * 111320.0 * COS_LAT
    metres = (dx * dx + dy * dy) ** 0.5 * 1.3
    return max(500, int(metres / 100.0 + 0.5) * 100)


def PriceRp(name, key, bias_pct):
    """A price inside the item's range, placed by the market's bias plus a per-stall spread of +/-15%."""
    _, _, _, lo, hi, rnd, _, _ = ITEMS[name]
    k_min, k_max = -(-lo // rnd), hi // rnd
    if k_min >= k_max:
        return lo
    pct = min(100, max(0, bias_pct + Hash("price", key) % 31 - 15))
    return (k_min + ((k_max - k_min) * pct + 50) // 100) * rnd


def Tlv(tag, value):
    return "%s%02d%s" % (tag, len(value), value)


def StaticQris(nmid, mcc, merchant_name):
    """A static EMVCo merchant-presented QRIS payload with its CRC-16/CCITT-FALSE (over all but the CRC)."""
    merchant = Tlv("00", "ID.CO.QRIS.WWW") + Tlv("02", nmid) + Tlv("03", "UMI")
    body = (Tlv("00", "01") + Tlv("01", "11") + Tlv("51", merchant) + Tlv("52", mcc) + Tlv("53", "360")
            + Tlv("58", "ID") + Tlv("59", merchant_name) + Tlv("60", "BANDAR LAMPUNG") + "6304")
    return body + "%04X" % binascii.crc_hqx(body.encode("ascii"), 0xFFFF)


def QrisMerchantName(stall_name, market_name):
    """Tag 59 allows 25 characters: the stall's place plus the market, abbreviated when too long."""
    stall = stall_name.upper().replace("BLOK ", "").replace("NO. ", "").replace(" DAN ", "&")
    words = [w for w in market_name.upper().split() if w not in ("PASAR", "KOPERASI", "NELAYAN", "KUD")]
    for market in (" ".join(words), "".join(w[0] for w in words)):
        if len(stall) + 1 + len(market) <= 25:
            return stall + " " + market
    return stall[:25]


def Steps(name):
    _, unit, _, _, _, _, steps, _ = ITEMS[name]
    if isinstance(steps, str):
        return [{"label": label, "qty_milli": qty} for label, qty in STEPS[steps]]
    return [{"label": "%d %s" % (n, unit), "qty_milli": n * 1000} for n in steps]


def BuildProduct(product_id, name, market, stall_date_day):
    category, unit, piece_weight_g, _, _, _, _, flags = ITEMS[name]
    product = {"id": product_id, "name": name, "category": category}
    if unit in ("kg", "liter"):
        product["unit"] = unit
    else:
        product["unit"] = "piece"
        product["piece_name"] = unit
        if piece_weight_g:
            product["piece_weight_g"] = piece_weight_g
    product["price_rp"] = PriceRp(name, product_id, market["bias"])
    day = stall_date_day
    if Hash("stale", product_id) % 10 == 0:  # a vendor who did not re-quote this item lately
        day = max(20, day - 1 - Hash("stale-days", product_id) % 3)
    product["price_date"] = "%s-%02d" % (PRICE_YEAR_MONTH, day)
    product["steps"] = Steps(name)
    product["weighed"] = "w" in flags
    product["free_qty"] = "f" in flags
    roll = Hash("availability", product_id) % 100
    product["availability"] = "tersedia" if roll < 85 else ("terbatas" if roll < 96 else "habis")
    if name in REF_PRICES:
        product["ref_price_rp"] = REF_PRICES[name]
        product["ref_price_date"] = REF_PRICE_DATE
    return product


# Everyday goods every stall of a kind carries: a vegetable stall without kangkung and bayam is not one
# a Bandar Lampung buyer would recognise.
EVERYDAY = {"sayur": ["Kangkung", "Bayam"]}


def PickItems(market_id, stall_id, kind):
    pool, (lo, hi), _ = STALL_KINDS[kind]
    count = min(len(pool), lo + Hash("count", stall_id) % (hi - lo + 1))
    forced = SIGNATURE.get((market_id, kind), [])
    forced = forced + [n for n in EVERYDAY.get(kind, []) if n in pool and n not in forced]
    rest = sorted((n for n in pool if n not in forced), key=lambda n: Hash("pick", stall_id, n))
    chosen = set(forced + rest[:max(0, count - len(forced))])
    return [n for n in pool if n in chosen]


def BuildStalls(market, market_index, contact_seq):
    """Stalls of one market; contact_seq is a one-item list counting phones/QRIS across the catalogue."""
    stalls, names = [], set()
    coast = market["kind"] in COAST_KINDS or market["id"] in COAST_MARKETS
    for n, kind in enumerate(market["stalls"].split(), start=1):
        stall_id = "%s.s%d" % (market["id"], n)
        patterns = STALL_KINDS[kind][2]
        pattern = patterns[Hash("pattern", stall_id) % len(patterns)]
        number = 1 + Hash("number", stall_id) % 30
        block = "ABCD"[Hash("block", stall_id) % 4]
        name = pattern.format(blk=block, no=number)
        while name in names:  # two stalls of one trade never share a place
            number += 1
            name = pattern.format(blk=block, no=number)
        names.add(name)
        locations = LOCATIONS_COAST if coast else LOCATIONS_PASAR
        stall = {"id": stall_id, "name": name, "kind": OUT_KIND.get(kind, kind),
                 "location": locations[Hash("location", stall_id) % len(locations)]}
        # Every fifth stall (rotating by market) lists a phone and a static QRIS; a few more only a phone.
        with_qris = (n + 2 * market_index) % 5 == 0
        if with_qris or (n + market_index) % 11 == 3:
            contact_seq[0] += 1
            stall["phone"] = "+62812000%05d" % contact_seq[0]  # placeholder numbers, one sequence
            if with_qris:
                nmid = "ID1099%09d" % contact_seq[0]  # fictional: no NMID is issued in this range
                stall["qris"] = StaticQris(nmid, MCC.get(kind, "5499"), QrisMerchantName(name, market["name"]))
        fish = kind in ("ikan", "ikan_laut", "seafood")
        day = 28 - Hash("date", stall_id) % (3 if fish else 7)  # fish is re-quoted daily
        stall["products"] = [BuildProduct("%s.p%d" % (stall_id, m), item, market, day)
                             for m, item in enumerate(PickItems(market["id"], stall_id, kind), start=1)]
        stalls.append(stall)
    return stalls


def IndexEntry(market, stalls):
    open_hm, close_hm, cutoff_hm = market["hours"]
    methods, min_order_rp, free_above_rp, max_distance_m = market["delivery"]
    entry = {
        "id": market["id"], "region_id": "bandar-lampung", "name": market["name"], "kind": market["kind"],
        "kecamatan": market["kecamatan"], "address": market["address"],
        "hours": {"open": open_hm, "close": close_hm, "order_cutoff": cutoff_hm},
        "known_for_id": market["known_for"][0], "known_for_en": market["known_for"][1],
        "pickup_point": market["pickup"],
        "delivery": {"methods": [{"method": "pickup", "fee_rule": Flat(0)}]
                     + [{"method": m, "fee_rule": rule} for m, rule in methods],
                     "min_order_rp": min_order_rp, "free_above_rp": free_above_rp, "max_distance_m": max_distance_m},
        "area_distance_m": {a[0]: RoadDistanceM(market["ll"], (a[2], a[3])) for a in AREAS},
        "stall_count": len(stalls), "product_count": sum(len(s["products"]) for s in stalls),
        "file": "markets/%s.json" % market["id"],
    }
    if "auction_days" in market:
        entry["auction_days"] = market["auction_days"]
    return entry


def Dump(obj):
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def BuildCatalog():
    """Returns {relative path: bytes} for every file of the catalogue."""
    files, entries, contact_seq = {}, [], [0]
    for market_index, market in enumerate(MARKETS):
        stalls = BuildStalls(market, market_index, contact_seq)
        entries.append(IndexEntry(market, stalls))
        files["markets/%s.json" % market["id"]] = Dump({
            "format_version": FORMAT_VERSION, "market_id": market["id"], "catalog_version": CATALOG_VERSION,
            "stalls": stalls})
    files["index.json"] = Dump({
        "format_version": FORMAT_VERSION, "catalog_version": CATALOG_VERSION,
        "regions": [{"id": i, "name": n, "kind": k} for i, n, k in REGIONS],
        "categories": [{"id": i, "name_id": a, "name_en": b} for i, a, b in CATEGORIES],
        "areas": [{"id": a[0], "name": a[1]} for a in AREAS],
        "markets": entries})
    return files


def WriteCatalog(out_dir):
    files = BuildCatalog()
    os.makedirs(os.path.join(out_dir, "markets"), exist_ok=True)
    for rel in sorted(files):
        with open(os.path.join(out_dir, rel), "wb") as f:
            f.write(files[rel])
    for stale in sorted(os.listdir(os.path.join(out_dir, "markets"))):  # markets no longer in the table
        if stale.endswith(".json") and "markets/" + stale not in files:
            os.remove(os.path.join(out_dir, "markets", stale))
    return files


def main():
    default_out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "catalog")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=default_out, help="output directory (default: assets/catalog)")
    args = parser.parse_args()
    files = WriteCatalog(os.path.normpath(args.out))
    products = sum(m["product_count"] for m in json.loads(files["index.json"])["markets"])
    print("wrote %d files to %s: %d products, index.json %d bytes"
          % (len(files), os.path.normpath(args.out), products, len(files["index.json"])))


if __name__ == "__main__":
    main()
