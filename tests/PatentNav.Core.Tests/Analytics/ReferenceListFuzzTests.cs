using System.Text;
using PatentNav.Analytics;

namespace PatentNav.Core.Tests.Analytics;

/// <summary>Mutated reference-list files (pledges, awards, population): every outcome is a parsed list or a
/// <see cref="ReferenceListException"/> naming rows; never another exception.</summary>
public sealed class ReferenceListFuzzTests
{
    private static readonly (ReferenceListKind Kind, string Csv)[] Seeds =
    [
        (ReferenceListKind.PledgeAmounts, "公开号,质押金额\nCN114081026B,1200万元\nCN111504366B,\"5,000,000\"\n"),
        (ReferenceListKind.Awards, "publication_number,award\nCN114081026B,中国专利金奖\n"),
        (ReferenceListKind.Population, "place,year,population\n3207,2023,459.4万\n32,2024,85260000\n"),
    ];

    [Fact]
    public void Mutated_files_either_parse_or_fail_with_row_and_column()
    {
        var rng = new Random(20261126);
        string[] inserts = ["\"", ",", "\n", "\r\n", "\u0000", "万", "-1", "9999999999999999999999999999", "=cmd|' /C calc'!A0", "\uFEFF", "；", "CN", " "];
        var cases = 0;
        foreach (var (kind, csv) in Seeds)
        {
            for (var i = 0; i < 400; i++)
            {
                var bytes = Mutate(Encoding.UTF8.GetBytes(csv), rng, inserts);
                cases++;
                try
                {
                    ReferenceLists.Parse(kind, bytes);
                }
                catch (ReferenceListException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                    Assert.All(ex.Errors, e => Assert.True(e.Row >= 2 && !string.IsNullOrEmpty(e.Column) && !string.IsNullOrEmpty(e.Reason)));
                }
            }
        }

        Assert.Equal(1200, cases);
    }

    private static byte[] Mutate(byte[] input, Random rng, string[] inserts)
    {
        var bytes = new List<byte>(input);
        for (var m = rng.Next(1, 4); m > 0; m--)
        {
            var at = rng.Next(bytes.Count + 1);
            switch (rng.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    break;
                case 1:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(inserts[rng.Next(inserts.Length)]));
                    break;
                case 2 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)rng.Next(256);
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256)));
                    break;
            }
        }

        return [.. bytes];
    }
}
