using Sylvan.Data.Csv;

namespace PatentNav.SampleBuilder;

/// <summary>A real district (GB/T 2260) with its city and province, as the synthetic addresses use it.</summary>
/// <param name="CityName">The city name as an address writes it: the province name for municipalities (北京市), whose
/// city level is the placeholder 市辖区 in the code list.</param>
/// <param name="CityInAddress">Whether the address repeats the city name (not for municipalities: 北京市东城区).</param>
internal sealed record District(
    string ProvinceCode,
    string ProvinceName,
    string CityCode,
    string CityName,
    string DistrictCode,
    string DistrictName,
    bool CityInAddress);

/// <summary>The administrative divisions of <c>admin-divisions/</c> (china-division 2.7.0).</summary>
internal sealed class Divisions
{
    public const string LianyungangCity = "3207";
    public const string JiangsuProvince = "32";

    private Divisions(List<District> districts) => All = districts;

    /// <summary>Every usable district in code order.</summary>
    public IReadOnlyList<District> All { get; }

    public static Divisions Load(string folder)
    {
        var provinces = ReadPairs(Path.Combine(folder, "provinces.csv"), "code", "name");
        var cities = new Dictionary<string, (string Name, string Province)>(StringComparer.Ordinal);
        using (var csv = CsvDataReader.Create(Path.Combine(folder, "cities.csv")))
        {
            while (csv.Read())
            {
                cities[csv.GetString(0)] = (csv.GetString(1), csv.GetString(2));
            }
        }

        var districts = new List<District>();
        using (var csv = CsvDataReader.Create(Path.Combine(folder, "areas.csv")))
        {
            while (csv.Read())
            {
                var code = csv.GetString(0);
                var name = csv.GetString(1);
                var cityCode = csv.GetString(2);
                var (cityName, provinceCode) = cities[cityCode];

                // Placeholder levels make no address: "省直辖县级行政区划" and Chongqing's "县" are not cities, and a
                // district called "市辖区" is no place.
                if (cityName is "省直辖县级行政区划" or "县" || name == "市辖区")
                {
                    continue;
                }

                var municipality = cityName == "市辖区";
                var provinceName = provinces[provinceCode];
                districts.Add(new District(
                    provinceCode,
                    provinceName,
                    cityCode,
                    municipality ? provinceName : cityName,
                    code,
                    name,
                    !municipality));
            }
        }

        districts.Sort((a, b) => string.CompareOrdinal(a.DistrictCode, b.DistrictCode));
        return new Divisions(districts);
    }

    private static Dictionary<string, string> ReadPairs(string path, string key, string value)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var csv = CsvDataReader.Create(path);
        var k = csv.GetOrdinal(key);
        var v = csv.GetOrdinal(value);
        while (csv.Read())
        {
            map[csv.GetString(k)] = csv.GetString(v);
        }

        return map;
    }
}
