using System.Globalization;

namespace PatentNav.SampleBuilder;

/// <summary>The kind of a fictional applicant (申请人类型).</summary>
internal enum ApplicantType
{
    Enterprise,
    University,
    Institute,
    Individual,
}

/// <summary>Where a fictional applicant is placed.</summary>
internal enum RegionGroup
{
    /// <summary>Lianyungang (city 3207).</summary>
    Lianyungang,

    /// <summary>Jiangsu outside Lianyungang.</summary>
    Jiangsu,

    /// <summary>Other provinces of the mainland.</summary>
    OtherProvince,

    /// <summary>Abroad (DE, US, JP, KR).</summary>
    Foreign,
}

/// <summary>One fictional applicant with its fixed synthetic address and inventor team.</summary>
/// <param name="Section">The IPC section the applicant works in (drives its name and which patents it gets), or <c>'X'</c>.</param>
internal sealed record Applicant(
    string Name,
    ApplicantType Type,
    RegionGroup Group,
    char Section,
    string Country,
    District? District,
    string Address,
    IReadOnlyList<string> Team)
{
    /// <summary>The CNIPA 申请人类型 wording.</summary>
    public string TypeLabel => Type switch
    {
        ApplicantType.Enterprise => "企业",
        ApplicantType.University => "大专院校",
        ApplicantType.Institute => "科研单位",
        _ => "个人",
    };
}

/// <summary>
/// Builds the pool of fictional applicants and inventors. Every name starts with <see cref="Prefix"/> so that no reader can
/// take it for a real company, university or person (DOMAIN §3); trade names are invented words, never a real firm's.
/// </summary>
internal sealed class ApplicantPool
{
    /// <summary>The marker every synthetic person or organisation name starts with.</summary>
    public const string Prefix = "（示例）";

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
    ];

    // Inventor given names are a Heavenly Stem plus an Earthly Branch (（示例）王甲子): unmistakably placeholders.
    private static readonly string[] Stems = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    private static readonly string[] Branches = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];

    // Invented trade names (字号).
    private static readonly string[] TradeNames =
    [
        "港城", "海晟", "云帆", "瀚洋", "蓝湾", "启明", "恒岳", "星澜", "朔方", "澄泓", "岚峰", "沐川", "汇泽", "临渊", "青屿", "禾丰",
        "拓澜", "曜石", "川晖", "璟瑞", "鸿屿", "泊舟", "晟澜", "潮汐", "远岫", "清嶂", "辰岚", "沧溟", "沂澄", "霁川", "岱澜", "嘉屿",
        "澜庭", "弘屿", "泓川", "晴岚", "栖霞湾", "翠微", "砚池", "舟山湾", "棠溪", "槐序", "云岫", "望舒", "溯洄", "鹭汀", "芷汀", "芦湾",
        "熹澜", "曦岚", "墨川", "渊泓", "峤南", "瀛洲湾", "苇岸", "沚川", "湛卢", "璞川", "钤岳", "浔阳湾", "朗屿", "峯澜", "鎏川", "镡岳",
        "珩屿", "瑾川", "琮岳", "璠澜", "珣屿", "玹川", "瑀岳", "琛澜", "玮屿", "璇川", "瑢岳", "琬澜", "璐屿", "瑶川", "珂岳", "琰澜",
    ];

    private static readonly Dictionary<char, string[]> Industries = new()
    {
        ['A'] = ["农业科技", "食品", "医药", "生物科技", "健康用品"],
        ['B'] = ["机械", "装备制造", "智能装备", "包装科技"],
        ['C'] = ["化工", "新材料", "石化", "制药", "材料科技"],
        ['D'] = ["纺织", "纤维材料"],
        ['E'] = ["建设工程", "建材科技"],
        ['F'] = ["动力设备", "热能科技", "能源装备"],
        ['G'] = ["仪器", "智能科技", "信息技术"],
        ['H'] = ["电子", "新能源", "电气", "通信技术"],
    };

    private static readonly Dictionary<char, string> InstituteFields = new()
    {
        ['A'] = "生物医药", ['B'] = "装备", ['C'] = "化工", ['D'] = "纺织材料",
        ['E'] = "建筑科学", ['F'] = "能源", ['G'] = "精密仪器", ['H'] = "电气",
    };

    private static readonly string[] UniversityKinds = ["理工大学", "科技大学", "海洋大学", "医科大学", "工程学院", "职业技术学院"];

    private static readonly (string Code, string[] Words, string[] Forms, string[] Cities, string Street, string Country, string[] Given, string[] Family)[] ForeignSets =
    [
        ("DE", ["Nordhafen", "Elbmark", "Sonnental", "Weidenbrück", "Tannfeld", "Lindenau"], ["Chemie GmbH", "Werkstoffe AG", "Maschinenbau GmbH", "Pharma GmbH"],
            ["Hamburg", "München", "Köln", "Stuttgart"], "Musterstraße {0}, {1}, Deutschland", "德国", ["Anna", "Jonas", "Lena", "Felix", "Marie", "Paul"], ["Muster", "Beispiel"]),
        ("US", ["Bluecrest", "Pinewater", "Silverfield", "Redhollow", "Oakmere", "Clearbrook"], ["Materials Inc.", "Therapeutics Inc.", "Systems Corp.", "Energy LLC"],
            ["Boston", "San Jose", "Houston", "Chicago"], "{0} Example Avenue, {1}, USA", "美国", ["John", "Mary", "David", "Emma", "Noah", "Olivia"], ["Example", "Sample"]),
        ("JP", ["Aokawa", "Shiroyama", "Minatomi", "Kitahama", "Hoshizora", "Mizunoe"], ["Kagaku K.K.", "Denki K.K.", "Seiyaku K.K.", "Kogyo K.K."],
            ["Osaka", "Yokohama", "Nagoya", "Kawasaki"], "{0} Mihon-dori, {1}, Japan", "日本", ["Taro", "Hanako", "Kenji", "Yuki", "Sora", "Aoi"], ["Mihon", "Reiji"]),
        ("KR", ["Saebyeol", "Dalbit", "Gureum", "Haneul", "Baram", "Nuri"], ["Chemical Co. Ltd.", "Electronics Co. Ltd.", "Materials Co. Ltd.", "Bio Co. Ltd."],
            ["Seoul", "Busan", "Incheon", "Daejeon"], "{0} Yesi-ro, {1}, Korea", "韩国", ["Minjun", "Seoyeon", "Jiho", "Hayun", "Doyun", "Jiwoo"], ["Yesi", "Bogi"]),
    ];

    // Lianyungang districts and how many of the city's applicants sit in each (the development zone and the main urban
    // district lead, as a park scenario needs).
    private static readonly (string Code, int Weight, string Postcode)[] LianyungangDistricts =
    [
        ("320703", 10, "222042"), ("320706", 22, "222000"), ("320707", 12, "222100"), ("320722", 11, "222300"),
        ("320723", 10, "222200"), ("320724", 10, "222500"), ("320771", 25, "222047"),
    ];

    private static readonly Dictionary<string, int> ProvinceWeights = new(StringComparer.Ordinal)
    {
        ["44"] = 16, ["33"] = 12, ["37"] = 8, ["11"] = 8, ["31"] = 6, ["34"] = 5, ["51"] = 4, ["42"] = 4, ["35"] = 4, ["41"] = 4,
        ["43"] = 3, ["61"] = 3, ["12"] = 3, ["21"] = 3, ["50"] = 2,
    };

    private readonly Random _random;
    private readonly Queue<string> _personNames;
    private readonly Queue<string> _tradeNames;
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly Divisions _divisions;

    private ApplicantPool(Random random, Divisions divisions)
    {
        _random = random;
        _divisions = divisions;
        var people = new List<string>();
        foreach (var s in Surnames)
        {
            foreach (var stem in Stems)
            {
                foreach (var branch in Branches)
                {
                    people.Add(Prefix + s + stem + branch);
                }
            }
        }

        _personNames = new Queue<string>(Shuffle(people));
        _tradeNames = new Queue<string>(Shuffle(TradeNames.ToList()));
    }

    public List<Applicant> All { get; } = [];

    /// <summary>Builds the pool; consumes <paramref name="random"/> in a fixed order.</summary>
    public static ApplicantPool Build(Random random, Divisions divisions)
    {
        var pool = new ApplicantPool(random, divisions);
        pool.AddGroup(RegionGroup.Lianyungang, enterprisesPerSection: 9, universities: 3, institutes: 5, individuals: 60);
        pool.AddGroup(RegionGroup.Jiangsu, enterprisesPerSection: 15, universities: 10, institutes: 10, individuals: 100);
        pool.AddGroup(RegionGroup.OtherProvince, enterprisesPerSection: 20, universities: 16, institutes: 12, individuals: 120);
        pool.AddForeign(perCountry: 8);
        return pool;
    }

    private void AddGroup(RegionGroup group, int enterprisesPerSection, int universities, int institutes, int individuals)
    {
        foreach (var section in "ABCDEFGH")
        {
            for (var i = 0; i < enterprisesPerSection; i++)
            {
                var district = PickDistrict(group);
                var industries = Industries[section];
                var industry = industries[_random.Next(industries.Length)];
                var suffix = _random.Next(4) == 0 ? "股份有限公司" : "有限公司";
                var name = Unique(() => Prefix + ShortCity(district) + NextTradeName() + industry + suffix);
                All.Add(Make(name, ApplicantType.Enterprise, group, section, district, _random.Next(2, 9)));
            }
        }

        for (var i = 0; i < universities; i++)
        {
            var district = PickDistrict(group);
            var section = "ABCDEFGH"[_random.Next(8)];
            var name = Unique(() => Prefix + NextTradeName() + UniversityKinds[_random.Next(UniversityKinds.Length)]);
            All.Add(Make(name, ApplicantType.University, group, section, district, _random.Next(8, 17)));
        }

        for (var i = 0; i < institutes; i++)
        {
            var district = PickDistrict(group);
            var section = "ABCDEFGH"[_random.Next(8)];
            var place = _random.Next(2) == 0 ? ShortCity(district) : ShortDistrict(district);
            var name = Unique(() => Prefix + place + InstituteFields[section] + (_random.Next(3) == 0 ? "研究所" : "研究院"));
            All.Add(Make(name, ApplicantType.Institute, group, section, district, _random.Next(4, 11)));
        }

        for (var i = 0; i < individuals; i++)
        {
            var district = PickDistrict(group);
            var person = _personNames.Dequeue();
            All.Add(new Applicant(person, ApplicantType.Individual, group, 'X', "CN", district, Address(district), [person]));
        }
    }

    private void AddForeign(int perCountry)
    {
        foreach (var set in ForeignSets)
        {
            var people = new List<string>();
            foreach (var family in set.Family)
            {
                foreach (var given in set.Given)
                {
                    people.Add(Prefix + given + " " + family);
                }
            }

            people = Shuffle(people);
            for (var i = 0; i < perCountry; i++)
            {
                var name = Unique(() => Prefix + set.Words[_random.Next(set.Words.Length)] + " " + set.Forms[_random.Next(set.Forms.Length)]);
                var section = "ABCDEFGH"[_random.Next(8)];
                var city = set.Cities[_random.Next(set.Cities.Length)];
                var address = string.Format(CultureInfo.InvariantCulture, set.Street, _random.Next(1, 200), city);
                var teamSize = _random.Next(2, 6);
                var team = Enumerable.Range(0, teamSize).Select(_ => people[_random.Next(people.Count)]).Distinct().ToList();
                All.Add(new Applicant(name, ApplicantType.Enterprise, RegionGroup.Foreign, section, set.Code, null, address, team));
            }
        }
    }

    private Applicant Make(string name, ApplicantType type, RegionGroup group, char section, District district, int teamSize)
    {
        var team = new List<string>(teamSize);
        for (var i = 0; i < teamSize; i++)
        {
            team.Add(_personNames.Dequeue());
        }

        return new Applicant(name, type, group, section, "CN", district, Address(district), team);
    }

    private string Address(District d)
    {
        string[] streets = ["示例路", "示例大道", "示例街", "示例北路", "示例南路"];
        var street = streets[_random.Next(streets.Length)] + _random.Next(1, 400).ToString(CultureInfo.InvariantCulture) + "号";
        var place = d.ProvinceName + (d.CityInAddress ? d.CityName : string.Empty) + d.DistrictName + street;

        // Some exports put the postcode in front of the address; only Lianyungang's addresses get one, from the 222xxx range.
        var postcode = LianyungangDistricts.FirstOrDefault(x => x.Code == d.DistrictCode).Postcode;
        return postcode is not null && _random.Next(10) < 4 ? postcode + " " + place : place;
    }

    private District PickDistrict(RegionGroup group)
    {
        switch (group)
        {
            case RegionGroup.Lianyungang:
                var total = LianyungangDistricts.Sum(x => x.Weight);
                var roll = _random.Next(total);
                foreach (var (code, weight, _) in LianyungangDistricts)
                {
                    if (roll < weight)
                    {
                        return _divisions.All.Single(x => x.DistrictCode == code);
                    }

                    roll -= weight;
                }

                throw new InvalidOperationException("unreachable");
            case RegionGroup.Jiangsu:
                var jiangsu = _divisions.All.Where(x => x.ProvinceCode == Divisions.JiangsuProvince && x.CityCode != Divisions.LianyungangCity).ToList();
                return PickCityThenDistrict(jiangsu);
            default:
                var provinces = _divisions.All.Where(x => x.ProvinceCode != Divisions.JiangsuProvince).Select(x => x.ProvinceCode).Distinct().ToList();
                var weights = provinces.Select(p => ProvinceWeights.GetValueOrDefault(p, 1)).ToList();
                var r = _random.Next(weights.Sum());
                var province = provinces[^1];
                for (var i = 0; i < provinces.Count; i++)
                {
                    if (r < weights[i])
                    {
                        province = provinces[i];
                        break;
                    }

                    r -= weights[i];
                }

                return PickCityThenDistrict(_divisions.All.Where(x => x.ProvinceCode == province).ToList());
        }
    }

    // The capital (first city code of the province) gets three times the weight of other cities.
    private District PickCityThenDistrict(List<District> districts)
    {
        var cities = districts.Select(x => x.CityCode).Distinct().ToList();
        var weights = cities.Select((c, i) => i == 0 ? 3 : 1).ToList();
        var r = _random.Next(weights.Sum());
        var city = cities[^1];
        for (var i = 0; i < cities.Count; i++)
        {
            if (r < weights[i])
            {
                city = cities[i];
                break;
            }

            r -= weights[i];
        }

        var inCity = districts.Where(x => x.CityCode == city).ToList();
        return inCity[_random.Next(inCity.Count)];
    }

    private string NextTradeName()
    {
        if (_tradeNames.Count == 0)
        {
            // Exhausted: combine two invented words (they stay invented).
            foreach (var a in Shuffle(TradeNames.ToList()).Take(40))
            {
                _tradeNames.Enqueue(a + TradeNames[_random.Next(TradeNames.Length)][..1]);
            }
        }

        return _tradeNames.Dequeue();
    }

    private string Unique(Func<string> make)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var name = make();
            if (_usedNames.Add(name))
            {
                return name;
            }
        }

        throw new InvalidOperationException("could not make a unique fictional name in 50 attempts");
    }

    private static string ShortCity(District d)
    {
        var n = d.CityName;
        foreach (var suffix in new[] { "市", "地区", "盟" })
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal) && n.Length > suffix.Length + 1)
            {
                return n[..^suffix.Length];
            }
        }

        return n.Contains("自治州", StringComparison.Ordinal) ? n[..2] : n;
    }

    private static string ShortDistrict(District d)
    {
        // Long names (连云港经济技术开发区) read badly inside an organisation name: use the city's instead.
        var n = d.DistrictName;
        if (n.Length > 4)
        {
            return ShortCity(d);
        }

        return n.Length > 2 && (n.EndsWith('区') || n.EndsWith('县') || n.EndsWith('市')) ? n[..^1] : n;
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }
}
