namespace PatentNav.Records;

/// <summary>
/// Where a patent belongs in China's administrative divisions (GB/T 2260), and what decided it.
/// </summary>
/// <param name="ProvinceCode">Two-digit province code, e.g. <c>32</c> (江苏省).</param>
/// <param name="ProvinceName">Province name, e.g. 江苏省.</param>
/// <param name="CityCode">Four-digit city code, e.g. <c>3207</c> (连云港市), or <c>null</c> when only the province is known.</param>
/// <param name="CityName">City name, e.g. 连云港市.</param>
/// <param name="DistrictCode">Six-digit district code, e.g. <c>320706</c> (海州区), or <c>null</c>.</param>
/// <param name="DistrictName">District name, e.g. 海州区.</param>
/// <param name="Basis">What decided the attribution, e.g. <c>国省代码=32</c> or <c>申请人地址: 江苏省连云港市海州区</c>.</param>
public sealed record RegionInfo(
    string ProvinceCode,
    string ProvinceName,
    string? CityCode,
    string? CityName,
    string? DistrictCode,
    string? DistrictName,
    string Basis)
{
    /// <summary>The codes of every level this region names, from province down (<c>32</c>, <c>3207</c>, <c>320706</c>).</summary>
    public IEnumerable<string> LevelCodes()
    {
        yield return ProvinceCode;
        if (CityCode is not null)
        {
            yield return CityCode;
        }

        if (DistrictCode is not null)
        {
            yield return DistrictCode;
        }
    }
}
