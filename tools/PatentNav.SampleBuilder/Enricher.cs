using PatentNav.Records;

namespace PatentNav.SampleBuilder;

/// <summary>A real record with its synthetic enrichment, and the fictional lead applicant behind it.</summary>
internal sealed record SampleRecord(BaseRecord Base, PatentRecord Record, Applicant Lead, Applicant? Second);

/// <summary>
/// Adds seeded synthetic fields (applicants, inventors, address, region, dates, legal status, counts) to real records, as
/// DOMAIN §3 allows for demonstrations. Real fields (number, title, abstract, claims, IPC) are never changed.
/// </summary>
/// <remarks>One <see cref="Random"/> is consumed in a fixed order (records in source order, fields in the order of
/// <see cref="Enrich"/>), and only integer or IEEE-exact arithmetic decides outcomes, so reruns are byte-identical.</remarks>
internal sealed class Enricher
{
    /// <summary>The data cut-off: no synthetic date is later.</summary>
    public static readonly DateOnly CutOff = new(2024, 12, 31);

    public const string RegionBasis = "申请人地址（合成示例数据）";

    /// <summary>Percent of records placed in Lianyungang, rest of Jiangsu, other provinces (the remainder abroad) when
    /// the record has an IPC code in section C or class A61.</summary>
    public static readonly (int Lianyungang, int Jiangsu, int Other) FavouredShares = (38, 28, 26);

    /// <summary>The same shares for all other records.</summary>
    public static readonly (int Lianyungang, int Jiangsu, int Other) OtherShares = (24, 34, 34);

    private static readonly DateOnly FirstFiling = new(2010, 1, 1);
    private static readonly DateOnly LastFiling = new(2024, 6, 30);

    // Filing-year weights 2010…2024: density grows toward recent years (2024 covers half a year).
    private static readonly int[] YearWeights = [4, 5, 6, 7, 8, 9, 11, 13, 15, 17, 19, 21, 23, 24, 12];

    private readonly Random _random;
    private readonly Dictionary<(RegionGroup, ApplicantType), List<Applicant>> _byGroupType = [];
    private readonly Dictionary<(RegionGroup, char), List<Applicant>> _enterprisesBySection = [];

    public Enricher(Random random, ApplicantPool pool)
    {
        _random = random;
        foreach (var a in pool.All)
        {
            Add(_byGroupType, (a.Group, a.Type), a);
            if (a.Type == ApplicantType.Enterprise)
            {
                Add(_enterprisesBySection, (a.Group, a.Section), a);
            }
        }
    }

    public SampleRecord Enrich(BaseRecord source)
    {
        var r = source.Record;
        var section = r.MainIpc?.Section[0] ?? 'X';
        var favoured = r.Ipc.Any(c => c.Section == "C" || c.Class == "A61");

        // 1. Who: region group, applicant type, applicants, inventors.
        var group = PickGroup(favoured);
        var lead = PickLead(group, section);
        var second = PickSecond(lead);
        var applicants = second is null ? new[] { lead.Name } : [lead.Name, second.Name];
        var inventors = PickInventors(lead, second);

        // 2. When: filing, publication, grant.
        var (filing, publication, grant) = PickDates(r.Kind);

        // 3. Status and counts.
        var (status, raw) = PickStatus(r.Kind, filing, grant);
        var yearsPublished = Math.Max(0, CutOff.Year - publication.Year);
        var citationScale = r.Kind switch
        {
            PatentKind.InventionGrant => 9,
            PatentKind.UtilityModel => 4,
            _ => 5,
        };
        var citations = Binomial(40, (0.15 + (0.12 * yearsPublished)) * citationScale / 5 / 40);
        var (familySize, familyCountries) = PickFamily(r.Kind, lead);
        var granted = r.Kind is PatentKind.InventionGrant or PatentKind.UtilityModel;
        var transfers = Binomial(10, granted ? 0.015 : 0.005);
        var licences = granted ? Binomial(10, 0.005) : 0;
        var pledges = granted ? Binomial(10, 0.004) : 0;

        var region = lead.District is { } d
            ? new RegionInfo(d.ProvinceCode, d.ProvinceName, d.CityCode, d.CityName, d.DistrictCode, d.DistrictName, RegionBasis)
            : null;

        var enriched = r with
        {
            Applicants = applicants,
            Inventors = inventors,
            ApplicantAddress = lead.Address,
            ApplicantCountry = lead.Country,
            Region = region,
            FilingDate = filing,
            PublicationDate = publication,
            GrantDate = grant,
            LegalStatus = status,
            LegalStatusRaw = raw,
            ForwardCitations = citations,
            FamilySize = familySize,
            FamilyCountries = familyCountries,
            TransferCount = transfers,
            LicenceCount = licences,
            PledgeCount = pledges,
            SourceFormat = "jsonl",
            Synthetic = true,
        };
        return new SampleRecord(source, enriched, lead, second);
    }

    // Lianyungang's priority chains (petrochemicals, new materials, medicine: section C and class A61) get a higher
    // local share, so that the city shows a specialisation (RTA > 1) in the demonstration.
    private RegionGroup PickGroup(bool favoured)
    {
        var roll = _random.Next(100);
        var (lyg, js, other) = favoured ? FavouredShares : OtherShares;
        return roll < lyg ? RegionGroup.Lianyungang
            : roll < lyg + js ? RegionGroup.Jiangsu
            : roll < lyg + js + other ? RegionGroup.OtherProvince
            : RegionGroup.Foreign;
    }

    private Applicant PickLead(RegionGroup group, char section)
    {
        if (group == RegionGroup.Foreign)
        {
            // Country first (DE 30 %, US 30 %, JP 25 %, KR 15 %), then an applicant of that country.
            var c = _random.Next(100);
            var country = c < 30 ? "DE" : c < 60 ? "US" : c < 85 ? "JP" : "KR";
            return PickZipf(_byGroupType[(group, ApplicantType.Enterprise)].Where(a => a.Country == country).ToList());
        }

        var roll = _random.Next(100);
        var type = roll < 75 ? ApplicantType.Enterprise
            : roll < 85 ? ApplicantType.University
            : roll < 91 ? ApplicantType.Institute
            : ApplicantType.Individual;
        if (type == ApplicantType.Individual)
        {
            var people = _byGroupType[(group, type)];
            return people[_random.Next(people.Count)];
        }

        // Enterprises mostly file in their own field.
        if (type == ApplicantType.Enterprise && section != 'X' && _random.Next(100) < 70)
        {
            return PickZipf(_enterprisesBySection[(group, section)]);
        }

        return PickZipf(_byGroupType[(group, type)]);
    }

    private Applicant? PickSecond(Applicant lead)
    {
        if (lead.Type == ApplicantType.Individual || _random.Next(100) >= 20)
        {
            return null;
        }

        List<Applicant> candidates;
        if (lead.Group == RegionGroup.Foreign)
        {
            candidates = _byGroupType[(RegionGroup.Foreign, ApplicantType.Enterprise)].Where(a => a.Country == lead.Country).ToList();
        }
        else if (lead.Type == ApplicantType.Enterprise && _random.Next(100) < 60)
        {
            // Industry–university cooperation (产学研): the partner is a university or institute of the same region group.
            candidates = [.. _byGroupType[(lead.Group, ApplicantType.University)], .. _byGroupType[(lead.Group, ApplicantType.Institute)]];
        }
        else
        {
            candidates = _byGroupType[(lead.Group, ApplicantType.Enterprise)];
        }

        var partner = PickZipf(candidates);
        return partner == lead ? null : partner;
    }

    private List<string> PickInventors(Applicant lead, Applicant? second)
    {
        if (lead.Type == ApplicantType.Individual)
        {
            return [lead.Name];
        }

        var roll = _random.Next(100);
        var count = roll < 30 ? 1 : roll < 65 ? 2 : roll < 85 ? 3 : 4;
        var team = lead.Team.ToList();
        var chosen = new List<string>();
        while (chosen.Count < count && team.Count > 0)
        {
            var i = _random.Next(team.Count);
            chosen.Add(team[i]);
            team.RemoveAt(i);
        }

        if (second is not null && chosen.Count >= 2)
        {
            var partner = second.Team[_random.Next(second.Team.Count)];
            if (!chosen.Contains(partner))
            {
                chosen[^1] = partner;
            }
        }

        return chosen;
    }

    private (DateOnly Filing, DateOnly Publication, DateOnly? Grant) PickDates(PatentKind kind)
    {
        // A grant (B) or utility model (U) must be granted by the cut-off, at least 10 months after filing.
        var lastFiling = kind is PatentKind.InventionGrant or PatentKind.UtilityModel ? CutOff.AddMonths(-10) : LastFiling;
        var filing = PickFiling(lastFiling);
        var available = MonthsUntilCutOff(filing);
        switch (kind)
        {
            case PatentKind.InventionGrant:
            {
                var pubMonths = _random.Next(6, Math.Min(18, available - 4) + 1);
                var grantMonths = _random.Next(Math.Max(10, pubMonths + 4), Math.Min(30, available) + 1);
                return (filing, AddMonthsAndDays(filing, pubMonths), AddMonthsAndDays(filing, grantMonths));
            }

            case PatentKind.UtilityModel:
            {
                // Utility models are not examined and are published once, at grant: 公开日 = 授权公告日.
                var months = _random.Next(10, Math.Min(18, available) + 1);
                var date = AddMonthsAndDays(filing, months);
                return (filing, date, date);
            }

            default:
                return (filing, AddMonthsAndDays(filing, _random.Next(6, Math.Min(18, available) + 1)), null);
        }
    }

    private DateOnly PickFiling(DateOnly last)
    {
        var roll = _random.Next(YearWeights.Sum());
        var year = FirstFiling.Year;
        for (var i = 0; i < YearWeights.Length; i++)
        {
            if (roll < YearWeights[i])
            {
                year = FirstFiling.Year + i;
                break;
            }

            roll -= YearWeights[i];
        }

        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        if (to > last)
        {
            to = last;
        }

        // A year wholly after the last allowed filing date (B/U in 2024) falls back to the last allowed months.
        if (from > to)
        {
            from = new DateOnly(to.Year, 1, 1);
        }

        return from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));
    }

    private static int MonthsUntilCutOff(DateOnly filing)
    {
        var months = 0;
        while (filing.AddMonths(months + 1) <= CutOff && months < 40)
        {
            months++;
        }

        return months;
    }

    private DateOnly AddMonthsAndDays(DateOnly filing, int months)
    {
        var baseDate = filing.AddMonths(months);
        var withDays = baseDate.AddDays(_random.Next(28));
        return withDays <= CutOff ? withDays : baseDate;
    }

    private (LegalStatus Status, string Raw) PickStatus(PatentKind kind, DateOnly filing, DateOnly? grant)
    {
        var roll = _random.Next(100);
        switch (kind)
        {
            case PatentKind.InventionGrant:
            {
                var yearsGranted = CutOff.Year - grant!.Value.Year;
                if (roll < 8 + (3 * yearsGranted))
                {
                    return (LegalStatus.Lapsed, _random.Next(100) < 85 ? "失效-未缴年费" : "失效-放弃");
                }

                return (LegalStatus.Valid, "有效");
            }

            case PatentKind.UtilityModel:
            {
                // The term of a utility model is 10 years from filing.
                if (filing.AddYears(10) <= CutOff)
                {
                    return (LegalStatus.Lapsed, "失效-期限届满");
                }

                var yearsGranted = CutOff.Year - grant!.Value.Year;
                if (roll < 15 + (6 * yearsGranted))
                {
                    return (LegalStatus.Lapsed, _random.Next(100) < 85 ? "失效-未缴年费" : "失效-放弃");
                }

                return (LegalStatus.Valid, "有效");
            }

            default:
            {
                var lapsedShare = filing.Year < 2017 ? 70 : filing.Year < 2020 ? 35 : 10;
                if (roll < lapsedShare)
                {
                    var r = _random.Next(100);
                    return (LegalStatus.Lapsed, r < 60 ? "失效-视为撤回" : r < 95 ? "失效-驳回" : "失效-放弃");
                }

                return (LegalStatus.Pending, _random.Next(100) < 85 ? "审中-实质审查" : "审中");
            }
        }
    }

    private (int Size, List<string> Countries) PickFamily(PatentKind kind, Applicant lead)
    {
        var foreign = lead.Group == RegionGroup.Foreign;
        var share = foreign ? 70 : kind == PatentKind.UtilityModel ? 2 : 10;
        if (_random.Next(100) >= share)
        {
            return (1, ["CN"]);
        }

        var roll = _random.Next(100);
        var size = roll < 45 ? 2 : roll < 70 ? 3 : roll < 85 ? 4 : roll < 95 ? 5 : 6;
        var countries = new List<string> { "CN" };
        if (foreign)
        {
            countries.Add(lead.Country);
        }

        string[] offices = ["US", "WO", "EP", "JP", "KR", "DE", "AU", "CA"];
        int[] weights = [30, 25, 20, 15, 10, 6, 4, 4];
        while (countries.Count < size)
        {
            var r = _random.Next(weights.Sum());
            for (var i = 0; i < offices.Length; i++)
            {
                if (r < weights[i])
                {
                    if (!countries.Contains(offices[i]))
                    {
                        countries.Add(offices[i]);
                    }

                    break;
                }

                r -= weights[i];
            }
        }

        return (size, countries);
    }

    // A few applicants hold many patents, most hold few (harmonic weights: rank 1 gets twice rank 2's share).
    private Applicant PickZipf(List<Applicant> candidates)
    {
        var total = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            total += 1.0 / (i + 1);
        }

        var x = _random.NextDouble() * total;
        for (var i = 0; i < candidates.Count; i++)
        {
            x -= 1.0 / (i + 1);
            if (x < 0)
            {
                return candidates[i];
            }
        }

        return candidates[^1];
    }

    // Poisson-like small counts as a binomial: only IEEE-exact arithmetic, so every runtime draws the same numbers.
    private int Binomial(int trials, double p)
    {
        var n = 0;
        for (var i = 0; i < trials; i++)
        {
            if (_random.NextDouble() < p)
            {
                n++;
            }
        }

        return n;
    }

    private static void Add<TKey>(Dictionary<TKey, List<Applicant>> map, TKey key, Applicant a)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(a);
    }
}
