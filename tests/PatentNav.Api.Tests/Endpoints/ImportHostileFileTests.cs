using System.IO.Compression;
using System.Net;
using PatentNav.Api.Tests.Infrastructure;
using Xunit;

namespace PatentNav.Api.Tests.Endpoints;

/// <summary>Damaged and hostile files posted to /api/imports: a 422 ProblemDetails naming the problem, never a 500, and
/// nothing stored.</summary>
public sealed class ImportHostileFileTests(PatentNavApiFactory factory) : IClassFixture<PatentNavApiFactory>
{
    public static TheoryData<string, string> Files() => new()
    {
        { "zip-bomb", "zip bomb" },
        { "truncated-xlsx", "XLSX" },
        { "pk-then-noise", "XLSX" },
        { "ole-then-noise", "XLS" },
        { "random-bytes", "header" },
        { "garbage-sheet-xml", "XLSX" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Upload_HostileFile_Answers422NamingTheProblem(string kind, string named)
    {
        using var client = factory.CreateClient();
        var before = await client.DocumentCountAsync();

        using var response = await client.PostImportAsync(Make(kind), kind + ".xlsx");

        var body = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "File cannot be imported", named);
        Assert.Equal("failed", body.GetProperty("report").Str("state"));
        Assert.Equal(before, await client.DocumentCountAsync());
    }

    private static byte[] Make(string kind)
    {
        var xlsx = Fixtures.Bytes("incopat.xlsx");
        var random = new Random(20261126);
        switch (kind)
        {
            case "zip-bomb":
                // 64 MB of zeros deflates to about 64 KB: a ratio of ~1000×, over the 200× limit for large entries.
                return Zip(("xl/worksheets/sheet1.xml", new byte[64 * 1024 * 1024]));
            case "truncated-xlsx":
                return xlsx[..(xlsx.Length / 2)];
            case "pk-then-noise":
                return [(byte)'P', (byte)'K', .. Noise(random, 4096)];
            case "ole-then-noise":
                return [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Noise(random, 4096)];
            case "random-bytes":
                var bytes = Noise(random, 4096);
                bytes[0] = (byte)'x'; // not a zip, OLE or JSON signature: read as CSV, which has no header
                return bytes;
            default:
                using (var ms = new MemoryStream())
                {
                    ms.Write(xlsx);
                    using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
                    {
                        zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
                        using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
                        sheet.Write(Noise(random, 2048));
                    }

                    return ms.ToArray();
                }
        }
    }

    private static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }
}
