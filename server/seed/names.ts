// The vocabulary of the demo library: Indonesian names, places, institutions, subjects and title parts.

export interface NameGroup {
  /** Share of members from this group (the demo library sits in Sumatra). */
  weight: number;
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  /** Chance that a name carries a family name at all (many Javanese names are single or double given names). */
  familyChance: number;
}

export const nameGroups: readonly NameGroup[] = [
  {
    // Batak (Toba, Mandailing, Karo, Simalungun)
    weight: 24,
    male: ['Togar', 'Tigor', 'Maruli', 'Monang', 'Lamhot', 'Horas', 'Parulian', 'Binsar', 'Yosua', 'Daniel', 'Samuel', 'Roy', 'Rudi', 'Hotman', 'Sahat', 'Bonar', 'Jonatan', 'Gibson', 'Rinto', 'Ahmad', 'Faisal'],
    female: ['Butet', 'Rosmawati', 'Intan', 'Ruth', 'Sarah', 'Lasma', 'Rotua', 'Melati', 'Debora', 'Tiurma', 'Nurhabibah', 'Sondang', 'Elisabeth', 'Yohana', 'Friska', 'Novita', 'Hana'],
    family: ['Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak', 'Sitorus', 'Hutagalung', 'Pardede', 'Sinaga', 'Situmorang', 'Tampubolon', 'Sihombing', 'Panjaitan', 'Manurung', 'Ginting', 'Tarigan', 'Sembiring', 'Purba', 'Damanik', 'Saragih', 'Silalahi', 'Hutapea', 'Simatupang', 'Pohan', 'Batubara', 'Rangkuti', 'Daulay', 'Hasibuan', 'Pasaribu', 'Marpaung'],
    familyChance: 0.95,
  },
  {
    // Minangkabau
    weight: 18,
    male: ['Rizal', 'Fauzi', 'Yusrizal', 'Zulkifli', 'Afrizal', 'Hendra', 'Irwan', 'Syafri', 'Arif', 'Fadhil', 'Ikhsan', 'Yuliandri', 'Erwin', 'Rahmat', 'Hanif', 'Ridwan', 'Zulhendri', 'Andika'],
    female: ['Desi', 'Novita', 'Rahmi', 'Fitri', 'Yulia', 'Nurul', 'Sri', 'Ratna', 'Mairita', 'Elvira', 'Yusnita', 'Rahmadani', 'Zulfa', 'Hafizah', 'Annisa', 'Syahrini', 'Afifah'],
    family: ['Chaniago', 'Piliang', 'Koto', 'Tanjung', 'Sikumbang', 'Jambak', 'Guci', 'Sinaga', 'Datuak', 'Syamsuddin', 'Putra', 'Putri', 'Rahman', 'Hamzah', 'Effendi', 'Yusuf'],
    familyChance: 0.6,
  },
  {
    // Malay (Riau, Deli)
    weight: 15,
    male: ['Muhammad', 'Tengku', 'Raja', 'Said', 'Wan', 'Azlan', 'Zulkarnain', 'Fadli', 'Hafiz', 'Rizky', 'Firdaus', 'Syahrul', 'Ilham', 'Khairul', 'Ikhwan', 'Amri'],
    female: ['Siti', 'Nurul', 'Syarifah', 'Aisyah', 'Nurhaliza', 'Zubaidah', 'Fatimah', 'Rahayu', 'Maisarah', 'Azizah', 'Khairunnisa', 'Nadia', 'Salmah', 'Aminah'],
    family: ['Ismail', 'Hamid', 'Abdullah', 'Rahman', 'Yusuf', 'Hasan', 'Harun', 'Effendi', 'Syahputra', 'Ramadhan', 'Zainal', 'Saleh', 'Mahmud', 'Idris', 'Hamzah'],
    familyChance: 0.7,
  },
  {
    // Javanese
    weight: 20,
    male: ['Budi', 'Agus', 'Eko', 'Joko', 'Slamet', 'Wahyu', 'Bambang', 'Sutrisno', 'Hartono', 'Dwi', 'Tri', 'Bayu', 'Yoga', 'Aditya', 'Fajar', 'Rizki', 'Ahmad', 'Teguh', 'Danang', 'Galih'],
    female: ['Sri', 'Siti', 'Endang', 'Rini', 'Wulan', 'Dewi', 'Puji', 'Yuni', 'Ayu', 'Ratih', 'Sekar', 'Lestari', 'Kartika', 'Dyah', 'Retno', 'Anggun', 'Putri', 'Nur'],
    family: ['Santoso', 'Wibowo', 'Susanto', 'Prasetyo', 'Nugroho', 'Setiawan', 'Hidayat', 'Kusuma', 'Purnomo', 'Rahayu', 'Wijaya', 'Saputra', 'Utomo', 'Suryadi', 'Handayani', 'Lestari', 'Pratama', 'Wahyuni', 'Sulistyo', 'Kurniasih'],
    familyChance: 0.65,
  },
  {
    // Sundanese
    weight: 7,
    male: ['Asep', 'Ujang', 'Dadang', 'Cecep', 'Yayan', 'Dede', 'Teten', 'Ade', 'Deden', 'Iwan', 'Jajang', 'Rudi'],
    female: ['Euis', 'Neneng', 'Iis', 'Rina', 'Yuyun', 'Dewi', 'Lilis', 'Neng', 'Imas', 'Nining', 'Cucu'],
    family: ['Sunarya', 'Permana', 'Hermawan', 'Kurniawan', 'Supriatna', 'Gunawan', 'Rukmana', 'Sumantri', 'Suhendar', 'Hidayat', 'Ramdani', 'Somantri'],
    familyChance: 0.7,
  },
  {
    // Bugis and Makassar
    weight: 5,
    male: ['Andi', 'Baso', 'Muhammad', 'Hasanuddin', 'Irfan', 'Wahyudi', 'Arung', 'Syamsul', 'Ridwan', 'Iqbal'],
    female: ['Besse', 'Andi', 'Sitti', 'Nurhayati', 'Hasnah', 'Indah', 'Fatmawati', 'Rosdiana'],
    family: ['Mallarangeng', 'Palaguna', 'Mattalatta', 'Baramuli', 'Pananrangi', 'Makkulau', 'Tahir', 'Sanusi', 'Latif', 'Syam'],
    familyChance: 0.75,
  },
  {
    // Acehnese
    weight: 4,
    male: ['Teuku', 'Zulfikar', 'Munawar', 'Mukhlis', 'Safrizal', 'Azhari', 'Fadhli', 'Iskandar'],
    female: ['Cut', 'Nurjannah', 'Rahmawati', 'Zahratul', 'Husna', 'Raihan', 'Marlina'],
    family: ['Ibrahim', 'Usman', 'Abdullah', 'Daud', 'Yacob', 'Ismail', 'Muhammad', 'Bakri'],
    familyChance: 0.7,
  },
  {
    // Chinese Indonesian (Medan, Pekanbaru)
    weight: 7,
    male: ['Kevin', 'Hendra', 'Felix', 'Vincent', 'Chandra', 'Willy', 'Steven', 'Jimmy', 'Edward', 'Sunardi', 'Tommy', 'Andy'],
    female: ['Stefanie', 'Jessica', 'Meilani', 'Lilyana', 'Vivian', 'Susanti', 'Cindy', 'Angeline', 'Yenny', 'Melinda'],
    family: ['Halim', 'Tanoto', 'Gunawan', 'Hartanto', 'Wijaya', 'Lim', 'Tan', 'Salim', 'Sutanto', 'Lie', 'Kurniawan', 'Wong'],
    familyChance: 0.9,
  },
];

export interface City {
  name: string;
  province: string;
  postalPrefix: string;
  /** BPS province code, the first two digits of an identity-card number (NIK). */
  nik: string;
  weight: number;
}

export const cities: readonly City[] = [
  { name: 'Medan', province: 'Sumatera Utara', postalPrefix: '201', nik: '12', weight: 30 },
  { name: 'Binjai', province: 'Sumatera Utara', postalPrefix: '207', nik: '12', weight: 4 },
  { name: 'Pematangsiantar', province: 'Sumatera Utara', postalPrefix: '211', nik: '12', weight: 4 },
  { name: 'Deli Serdang', province: 'Sumatera Utara', postalPrefix: '203', nik: '12', weight: 6 },
  { name: 'Pekanbaru', province: 'Riau', postalPrefix: '282', nik: '14', weight: 16 },
  { name: 'Dumai', province: 'Riau', postalPrefix: '288', nik: '14', weight: 3 },
  { name: 'Padang', province: 'Sumatera Barat', postalPrefix: '251', nik: '13', weight: 14 },
  { name: 'Bukittinggi', province: 'Sumatera Barat', postalPrefix: '261', nik: '13', weight: 4 },
  { name: 'Banda Aceh', province: 'Aceh', postalPrefix: '231', nik: '11', weight: 4 },
  { name: 'Palembang', province: 'Sumatera Selatan', postalPrefix: '301', nik: '16', weight: 3 },
  { name: 'Jakarta Selatan', province: 'DKI Jakarta', postalPrefix: '121', nik: '31', weight: 3 },
  { name: 'Bandung', province: 'Jawa Barat', postalPrefix: '401', nik: '32', weight: 2 },
  { name: 'Yogyakarta', province: 'DI Yogyakarta', postalPrefix: '552', nik: '34', weight: 2 },
  { name: 'Makassar', province: 'Sulawesi Selatan', postalPrefix: '901', nik: '73', weight: 2 },
];

export const streets: readonly string[] = [
  'Jl. Jenderal Sudirman', 'Jl. Gatot Subroto', 'Jl. Diponegoro', 'Jl. Imam Bonjol', 'Jl. Sisingamangaraja',
  'Jl. Jamin Ginting', 'Jl. Tuanku Tambusai', 'Jl. Hang Tuah', 'Jl. Ahmad Yani', 'Jl. Gajah Mada',
  'Jl. Teuku Umar', 'Jl. Ki Hajar Dewantara', 'Jl. Setia Budi', 'Jl. Pattimura', 'Jl. Juanda',
  'Jl. Khatib Sulaiman', 'Jl. Veteran', 'Jl. Kartini', 'Jl. Merdeka', 'Jl. Garuda Sakti', 'Gg. Mawar', 'Jl. Kapten Muslim',
];

export const universities: readonly string[] = [
  'Universitas Sumatera Utara', 'Universitas Negeri Medan', 'UIN Sumatera Utara', 'Politeknik Negeri Medan',
  'Universitas Muhammadiyah Sumatera Utara', 'Universitas HKBP Nommensen', 'Universitas Riau',
  'Universitas Islam Riau', 'UIN Sultan Syarif Kasim Riau', 'Politeknik Caltex Riau', 'Universitas Andalas',
  'Universitas Negeri Padang', 'UIN Imam Bonjol Padang', 'Universitas Syiah Kuala', 'Universitas Indonesia',
  'Universitas Gadjah Mada', 'Institut Teknologi Bandung', 'Universitas Hasanuddin', 'Universitas Terbuka',
];

export const offices: readonly string[] = [
  'Dinas Pendidikan Kota Medan', 'Dinas Perpustakaan dan Kearsipan Provinsi Riau', 'Bank Sumut', 'Bank Nagari',
  'PT Perkebunan Nusantara III', 'Kantor Pos Pekanbaru', 'RSUP H. Adam Malik', 'RSUP Dr. M. Djamil Padang',
  'Pemerintah Kota Padang', 'Kantor Wilayah Kementerian Agama Sumatera Utara', 'BPS Provinsi Riau',
  'Pengadilan Negeri Medan', 'PT Telkom Indonesia', 'Wiraswasta', 'Ibu Rumah Tangga', 'Pensiunan',
];

/** School kinds by age; the institution becomes e.g. "SMA Negeri 1 Medan". */
export const schoolKinds = {
  primary: ['SD Negeri', 'SD Swasta', 'MI Negeri'],
  junior: ['SMP Negeri', 'SMP Swasta', 'MTs Negeri'],
  senior: ['SMA Negeri', 'SMK Negeri', 'SMA Swasta', 'MAN', 'SMK Swasta'],
} as const;

export const emailDomains: readonly string[] = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.id', 'yahoo.com', 'outlook.com', 'ymail.com'];

/** Mobile number prefixes after the leading 0 (Telkomsel, Indosat, XL, Tri, Smartfren). */
export const phonePrefixes: readonly string[] = ['811', '812', '813', '821', '822', '852', '853', '856', '857', '858', '877', '878', '817', '818', '895', '896', '881'];

export interface TopicSpec {
  topic: string;
  /** DDC class the titles under this topic are shelved at. */
  ddc: string;
  /** Relative share of the collection (and of members' interests). */
  weight: number;
  fiction?: boolean;
  /** Subject phrases for Indonesian titles. */
  id: readonly string[];
  /** Subject phrases for English titles; none means the topic is catalogued in Indonesian only. */
  en: readonly string[];
}

export const topics: readonly TopicSpec[] = [
  { topic: 'Pemrograman', ddc: '005.13', weight: 8, id: ['Pemrograman Python', 'Pemrograman Java', 'PHP dan MySQL', 'Laravel', 'JavaScript', 'Pemrograman Android', 'Algoritma dan Struktur Data', 'Pemrograman Go', 'Flutter'], en: ['Python Programming', 'Java', 'JavaScript', 'Algorithms', 'Clean Code', 'Rust Programming', 'Data Structures'] },
  { topic: 'Basis Data', ddc: '005.74', weight: 3, id: ['Basis Data', 'MySQL', 'PostgreSQL', 'Sistem Basis Data Terdistribusi'], en: ['Database Systems', 'SQL', 'NoSQL Databases'] },
  { topic: 'Jaringan Komputer', ddc: '004.6', weight: 3, id: ['Jaringan Komputer', 'Keamanan Jaringan', 'Administrasi Server Linux', 'Mikrotik'], en: ['Computer Networks', 'Network Security', 'Linux Administration'] },
  { topic: 'Kecerdasan Buatan', ddc: '006.3', weight: 3, id: ['Kecerdasan Buatan', 'Pembelajaran Mesin', 'Data Mining', 'Jaringan Saraf Tiruan'], en: ['Machine Learning', 'Artificial Intelligence', 'Deep Learning'] },
  { topic: 'Pertanian', ddc: '630', weight: 5, id: ['Budidaya Kelapa Sawit', 'Pertanian Organik', 'Budidaya Padi Sawah', 'Hidroponik', 'Tanaman Hortikultura', 'Budidaya Kopi Arabika', 'Pengendalian Hama Terpadu'], en: ['Sustainable Agriculture', 'Soil Science', 'Tropical Crops'] },
  { topic: 'Perikanan', ddc: '639.3', weight: 2, id: ['Budidaya Ikan Lele', 'Budidaya Ikan Nila', 'Perikanan Tangkap', 'Budidaya Udang Vaname'], en: ['Aquaculture'] },
  { topic: 'Peternakan', ddc: '636', weight: 2, id: ['Beternak Ayam Kampung', 'Peternakan Sapi Potong', 'Beternak Kambing'], en: ['Animal Husbandry'] },
  { topic: 'Sejarah Indonesia', ddc: '959.8', weight: 5, id: ['Sejarah Indonesia Modern', 'Revolusi Kemerdekaan', 'Kerajaan Sriwijaya', 'Pergerakan Nasional', 'Sejarah Kota Medan', 'Perang Padri', 'Kesultanan Siak', 'Kesultanan Deli'], en: ['Indonesian History', 'The Dutch East Indies', 'Modern Indonesia'] },
  { topic: 'Sejarah Dunia', ddc: '909', weight: 2, id: ['Sejarah Dunia', 'Perang Dunia Kedua', 'Peradaban Islam', 'Sejarah Asia Tenggara'], en: ['World History', 'The Second World War', 'Southeast Asian History'] },
  { topic: 'Sastra Melayu', ddc: '899.28', weight: 3, id: ['Hikayat Melayu', 'Pantun Melayu', 'Syair Melayu Klasik', 'Gurindam Dua Belas', 'Sastra Melayu Riau'], en: ['Malay Literature'] },
  { topic: 'Novel Indonesia', ddc: '899.221 3', weight: 8, fiction: true, id: ['Senja', 'Hujan', 'Laut', 'Rumah', 'Pulang', 'Perantau', 'Rindu', 'Danau Toba', 'Ranah', 'Bukit Barisan', 'Kampung', 'Kopi'], en: [] },
  { topic: 'Cerita Anak', ddc: '899.221 3', weight: 5, fiction: true, id: ['Si Kancil', 'Petualangan di Hutan', 'Sahabat Kecil', 'Dongeng Nusantara', 'Cerita Rakyat Sumatera', 'Malin Kundang', 'Si Pitung'], en: ['Bedtime Stories'] },
  { topic: 'Sastra Inggris', ddc: '823', weight: 2, fiction: true, id: [], en: ['The River', 'A Quiet Harbour', 'Winter Letters', 'The Lost Garden', 'Island of Rain'] },
  { topic: 'Puisi', ddc: '899.221 1', weight: 2, id: ['Kumpulan Puisi', 'Sajak', 'Puisi Cinta', 'Antologi Puisi'], en: ['Poems'] },
  { topic: 'Kesehatan', ddc: '613', weight: 5, id: ['Hidup Sehat', 'Gizi Seimbang', 'Kesehatan Ibu dan Anak', 'Pencegahan Diabetes', 'Kesehatan Mental', 'Pertolongan Pertama'], en: ['Nutrition', 'Public Health', 'Mental Health'] },
  { topic: 'Keperawatan', ddc: '610.73', weight: 2, id: ['Asuhan Keperawatan', 'Keperawatan Medikal Bedah', 'Keperawatan Anak'], en: ['Nursing Practice'] },
  { topic: 'Hukum', ddc: '340', weight: 4, id: ['Hukum Pidana', 'Hukum Perdata', 'Hukum Tata Negara', 'Hukum Adat', 'Hukum Agraria', 'Hukum Ketenagakerjaan'], en: ['Legal Theory', 'International Law'] },
  { topic: 'Ekonomi Syariah', ddc: '297.273', weight: 4, id: ['Ekonomi Syariah', 'Perbankan Syariah', 'Zakat dan Wakaf', 'Akad Muamalah', 'Keuangan Mikro Syariah'], en: ['Islamic Finance', 'Islamic Banking'] },
  { topic: 'Ekonomi', ddc: '330', weight: 4, id: ['Pengantar Ekonomi', 'Ekonomi Makro', 'Ekonomi Mikro', 'Ekonomi Pembangunan', 'Ekonomi Indonesia'], en: ['Economics', 'Macroeconomics', 'Development Economics'] },
  { topic: 'Akuntansi', ddc: '657', weight: 4, id: ['Akuntansi Dasar', 'Akuntansi Keuangan', 'Akuntansi Biaya', 'Perpajakan', 'Auditing'], en: ['Financial Accounting', 'Auditing'] },
  { topic: 'Manajemen', ddc: '658', weight: 4, id: ['Manajemen Pemasaran', 'Manajemen Sumber Daya Manusia', 'Kewirausahaan', 'UMKM', 'Manajemen Operasional'], en: ['Management', 'Marketing', 'Entrepreneurship'] },
  { topic: 'Pendidikan', ddc: '370', weight: 5, id: ['Psikologi Pendidikan', 'Kurikulum Merdeka', 'Strategi Pembelajaran', 'Evaluasi Pembelajaran', 'Pendidikan Karakter', 'Pendidikan Anak Usia Dini'], en: ['Teaching', 'Educational Psychology'] },
  { topic: 'Agama Islam', ddc: '297', weight: 6, id: ['Fikih Ibadah', 'Tafsir Al-Quran', 'Hadis', 'Akhlak', 'Sirah Nabawiyah', 'Tasawuf'], en: ['Islam'] },
  { topic: 'Agama Kristen', ddc: '230', weight: 2, id: ['Teologi', 'Renungan Harian', 'Pendidikan Agama Kristen'], en: ['Christian Theology'] },
  { topic: 'Matematika', ddc: '510', weight: 4, id: ['Matematika', 'Kalkulus', 'Aljabar Linear', 'Statistika', 'Matematika Diskrit'], en: ['Calculus', 'Linear Algebra', 'Statistics'] },
  { topic: 'Fisika', ddc: '530', weight: 2, id: ['Fisika Dasar', 'Mekanika', 'Fisika Modern'], en: ['Physics', 'Quantum Mechanics'] },
  { topic: 'Kimia', ddc: '540', weight: 2, id: ['Kimia Dasar', 'Kimia Organik', 'Kimia Analitik'], en: ['Chemistry', 'Organic Chemistry'] },
  { topic: 'Biologi', ddc: '570', weight: 3, id: ['Biologi', 'Ekologi', 'Keanekaragaman Hayati Sumatera', 'Genetika', 'Orangutan Sumatera'], en: ['Biology', 'Ecology'] },
  { topic: 'Lingkungan Hidup', ddc: '363.7', weight: 2, id: ['Lingkungan Hidup', 'Perubahan Iklim', 'Kebakaran Hutan dan Lahan', 'Pengelolaan Sampah', 'Gambut'], en: ['Climate Change', 'Environmental Policy'] },
  { topic: 'Bahasa Indonesia', ddc: '499.221', weight: 3, id: ['Bahasa Indonesia', 'Tata Bahasa Baku', 'Menulis Karya Ilmiah', 'Ejaan Bahasa Indonesia'], en: [] },
  { topic: 'Bahasa Inggris', ddc: '428', weight: 4, id: ['Bahasa Inggris', 'Persiapan TOEFL', 'Grammar', 'Percakapan Bahasa Inggris'], en: ['English Grammar', 'IELTS Preparation', 'English Vocabulary'] },
  { topic: 'Psikologi', ddc: '150', weight: 3, id: ['Psikologi Perkembangan', 'Psikologi Sosial', 'Psikologi Remaja', 'Pengembangan Diri'], en: ['Psychology', 'Self-Improvement'] },
  { topic: 'Politik dan Pemerintahan', ddc: '320', weight: 2, id: ['Ilmu Politik', 'Otonomi Daerah', 'Demokrasi', 'Kebijakan Publik'], en: ['Political Science', 'Public Policy'] },
  { topic: 'Budaya Batak', ddc: '306.089 992 2', weight: 2, id: ['Adat Batak Toba', 'Dalihan Na Tolu', 'Ulos', 'Budaya Karo', 'Marga Batak'], en: ['Batak Culture'] },
  { topic: 'Budaya Minangkabau', ddc: '306.089 992 2', weight: 2, id: ['Adat Minangkabau', 'Rumah Gadang', 'Merantau', 'Tambo Minangkabau'], en: ['Minangkabau Society'] },
  { topic: 'Pariwisata', ddc: '338.479', weight: 2, id: ['Pariwisata Sumatera', 'Danau Toba', 'Wisata Halal', 'Ekowisata'], en: ['Tourism'] },
  { topic: 'Masakan', ddc: '641.5', weight: 3, id: ['Masakan Padang', 'Resep Masakan Melayu', 'Kue Tradisional', 'Masakan Batak', 'Masakan Sehari-hari'], en: ['Cooking'] },
  { topic: 'Teknik Sipil', ddc: '624', weight: 2, id: ['Teknik Sipil', 'Beton Bertulang', 'Mekanika Tanah', 'Konstruksi Jalan'], en: ['Civil Engineering', 'Structural Analysis'] },
  { topic: 'Teknik Elektro', ddc: '621.3', weight: 2, id: ['Teknik Elektro', 'Elektronika Dasar', 'Mikrokontroler Arduino', 'Instalasi Listrik'], en: ['Electronics', 'Electrical Engineering'] },
  { topic: 'Ilmu Perpustakaan', ddc: '020', weight: 1, id: ['Ilmu Perpustakaan', 'Katalogisasi', 'Manajemen Perpustakaan', 'Literasi Informasi', 'Perpustakaan Digital'], en: ['Library Science', 'Cataloguing'] },
];

/** Geographic subjects given to some titles as additional (level 2) topics. */
export const geographicTopics: readonly { topic: string; ddc: string }[] = [
  { topic: 'Sumatera Utara', ddc: '959.81' },
  { topic: 'Riau', ddc: '959.81' },
  { topic: 'Sumatera Barat', ddc: '959.81' },
  { topic: 'Aceh', ddc: '959.81' },
  { topic: 'Indonesia', ddc: '959.8' },
];

/** Title patterns: `{s}` is the subject phrase. */
export const titlePatterns = {
  id: ['{s}', 'Pengantar {s}', 'Dasar-Dasar {s}', '{s}: Teori dan Praktik', 'Buku Ajar {s}', 'Panduan Praktis {s}', '{s} untuk Pemula', 'Mahir {s}', '{s} di Indonesia', 'Kajian {s}', 'Bunga Rampai {s}', '{s} Kontemporer', 'Memahami {s}', '{s} untuk Sekolah Menengah', 'Modul {s}'],
  en: ['{s}', 'Introduction to {s}', '{s}: A Practical Guide', 'Essentials of {s}', 'Principles of {s}', '{s} in Practice', 'Understanding {s}', 'A Short History of {s}', '{s} for Beginners', 'Handbook of {s}'],
  fictionId: ['{s}', '{s} di Ujung Senja', 'Menunggu {s}', '{s} yang Hilang', 'Surat untuk {s}', 'Di Bawah Langit {s}', '{s} dan Secangkir Kopi', 'Anak {s}', 'Kisah dari {s}', 'Jejak {s}'],
  fictionEn: ['{s}', 'Beyond {s}', 'The Last {s}', 'Letters from {s}', 'A Song for {s}'],
};

export const publishers: readonly { name: string; language: 'id' | 'en' }[] = [
  { name: 'Gramedia Pustaka Utama', language: 'id' }, { name: 'Erlangga', language: 'id' }, { name: 'Mizan', language: 'id' },
  { name: 'Andi Offset', language: 'id' }, { name: 'Rajawali Pers', language: 'id' }, { name: 'Kencana Prenada Media', language: 'id' },
  { name: 'Bumi Aksara', language: 'id' }, { name: 'Deepublish', language: 'id' }, { name: 'Balai Pustaka', language: 'id' },
  { name: 'Pustaka Jaya', language: 'id' }, { name: 'Yayasan Pustaka Obor Indonesia', language: 'id' }, { name: 'Penerbit ITB', language: 'id' },
  { name: 'Gadjah Mada University Press', language: 'id' }, { name: 'Elex Media Komputindo', language: 'id' }, { name: 'Informatika Bandung', language: 'id' },
  { name: 'Salemba Empat', language: 'id' }, { name: 'Republika Penerbit', language: 'id' }, { name: 'Bentang Pustaka', language: 'id' },
  { name: 'Gramedia Widiasarana Indonesia', language: 'id' }, { name: 'Remaja Rosdakarya', language: 'id' }, { name: 'Pustaka Pelajar', language: 'id' },
  { name: 'USU Press', language: 'id' }, { name: 'UNRI Press', language: 'id' }, { name: 'Andalas University Press', language: 'id' },
  { name: 'Perdana Publishing', language: 'id' }, { name: 'Kanisius', language: 'id' }, { name: 'Tiga Serangkai', language: 'id' },
  { name: "O'Reilly Media", language: 'en' }, { name: 'Pearson', language: 'en' }, { name: 'Springer', language: 'en' },
  { name: 'Wiley', language: 'en' }, { name: 'Oxford University Press', language: 'en' }, { name: 'Cambridge University Press', language: 'en' },
  { name: 'McGraw-Hill', language: 'en' }, { name: 'Routledge', language: 'en' }, { name: 'Penguin Books', language: 'en' },
];

export const internationalAuthors = {
  first: ['John', 'Michael', 'David', 'Sarah', 'Robert', 'Maria', 'James', 'Andrew', 'Thomas', 'Emily', 'Hans', 'Pierre', 'Kenji', 'Anna', 'Peter', 'Laura', 'Richard', 'Elizabeth', 'Paul', 'Catherine', 'Benedict', 'Anthony', 'Clifford', 'Merle'],
  family: ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Clark', 'Lewis', 'Walker', 'Schmidt', 'Dubois', 'Tanaka', 'Hall', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Reid', 'Geertz', 'Ricklefs', 'Vickers'],
};

export const organisationAuthors: readonly string[] = [
  'Badan Pusat Statistik', 'Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi', 'Perpustakaan Nasional Republik Indonesia',
  'Pemerintah Provinsi Sumatera Utara', 'Pemerintah Provinsi Riau', 'Kementerian Kesehatan Republik Indonesia',
  'Bank Indonesia', 'Lembaga Ilmu Pengetahuan Indonesia', 'Kementerian Pertanian Republik Indonesia',
];

/**
 * Idul Fitri (first day), by year: the library closes that day and the next, and is quiet the week around it.
 * Years outside the table are estimated (the date moves about 11 days earlier each year).
 */
export const idulFitri: Readonly<Record<number, string>> = {
  2018: '2018-06-15', 2019: '2019-06-05', 2020: '2020-05-24', 2021: '2021-05-13', 2022: '2022-05-02',
  2023: '2023-04-22', 2024: '2024-04-10', 2025: '2025-03-31', 2026: '2026-03-20', 2027: '2027-03-10',
  2028: '2028-02-27', 2029: '2029-02-14', 2030: '2030-02-05',
};
