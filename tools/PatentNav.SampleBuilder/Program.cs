using System.Globalization;
using System.Text;
using PatentNav.Records;

namespace PatentNav.SampleBuilder;

/// <summary>
/// Builds <c>data-samples/</c>: real patent records from <c>../shared/data</c> with seeded synthetic enrichment
/// (DOMAIN §3), the canonical JSONL, one small fixture per export layout, the README and the source licences.
/// </summary>
/// <remarks>Usage: <c>dotnet run --project tools/PatentNav.SampleBuilder -- [--shared ../shared] [--out data-samples] [--seed 20240101]</c>;
/// with <c>--vocabulary</c> it builds the segmenter's patent vocabulary instead (<see cref="Vocabulary"/>; <c>--out</c> names the file).
/// Output is byte-identical for the same inputs and seed.</remarks>
internal static class Program
{
    public const int DefaultSeed = 20240101;

    private static int Main(string[] args)
    {
        var shared = "../shared";
        var output = "data-samples";
        var seed = DefaultSeed;
        var vocabulary = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--vocabulary":
                    vocabulary = true;
                    break;
                case "--shared" when i + 1 < args.Length:
                    shared = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--seed" when i + 1 < args.Length:
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; expected --shared DIR, --out DIR, --seed N, --vocabulary");
                    return 2;
            }
        }

        var data = Path.Combine(shared, "data");
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"expected the shared data folder at '{Path.GetFullPath(data)}'; pass --shared");
            return 2;
        }

        if (vocabulary)
        {
            return Vocabulary.Build(data, output == "data-samples" ? "src/PatentNav.Core/Resources/text/patent-vocabulary.txt" : output);
        }

        var stats = new SourceStats();
        var titles = Sources.ReadTitlesIpc(Path.Combine(data, "cn-titles-ipc", "cn_patent_titles_ipc_subclasses.csv"), stats);
        var kp = Sources.ReadKpPatent(Path.Combine(data, "kppatent-zh", "kppatent_test_tac.jsonl"), stats);
        var divisions = Divisions.Load(Path.Combine(data, "admin-divisions"));

        // One generator, consumed in a fixed order: the applicant pool first, then the records in source order.
        var random = new Random(seed);
        var pool = ApplicantPool.Build(random, divisions);
        var enricher = new Enricher(random, pool);
        var records = titles.Concat(kp).Select(enricher.Enrich).ToList();
        records.Sort((a, b) => string.CompareOrdinal(a.Record.PublicationNumber.Value, b.Record.PublicationNumber.Value));
        Check(records);

        var jsonl = new StringBuilder();
        foreach (var r in records)
        {
            jsonl.Append(PatentJson.Serialize(r.Record)).Append('\n');
        }

        Output.Text(Path.Combine(output, "patents.jsonl"), jsonl.ToString());
        VerifyRoundTrip(Path.Combine(output, "patents.jsonl"), records.Count);

        // Fixture draws use their own generator so that changing a fixture never changes patents.jsonl.
        var cnipaHeader = File.ReadAllText(Path.Combine(data, "cnipa-export-schema", "cnipa_export_header.csv"))
            .Trim().TrimStart('\uFEFF').Split(',');
        var fixtures = new Fixtures(Path.Combine(output, "fixtures"), cnipaHeader, new Random(seed + 1), records);
        fixtures.WriteAll();

        CopyLicences(data, Path.Combine(output, "licenses"));
        Output.Text(Path.Combine(output, "README.md"), Readme.Build(seed, stats, records, pool, fixtures.Written));

        Console.WriteLine($"wrote {records.Count} records and {fixtures.Written.Count} fixture files to {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>Guards the DOMAIN §3 rule and internal consistency before anything is written.</summary>
    private static void Check(List<SampleRecord> records)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in records)
        {
            var r = s.Record;
            if (!keys.Add(r.PublicationNumber.Value))
            {
                throw new InvalidOperationException($"duplicate publication number {r.PublicationNumber}");
            }

            if (!r.Synthetic || r.Applicants.Concat(r.Inventors).Any(n => !n.StartsWith(ApplicantPool.Prefix, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"{r.PublicationNumber}: every synthetic name must start with {ApplicantPool.Prefix}");
            }

            if (PatentVocabulary.ParseLegalStatus(r.LegalStatusRaw) != r.LegalStatus)
            {
                throw new InvalidOperationException($"{r.PublicationNumber}: raw status '{r.LegalStatusRaw}' does not parse to {r.LegalStatus}");
            }

            if (r.PublicationDate <= r.FilingDate || r.GrantDate < r.PublicationDate
                || r.PublicationDate > Enricher.CutOff || r.GrantDate > Enricher.CutOff)
            {
                throw new InvalidOperationException($"{r.PublicationNumber}: inconsistent dates");
            }
        }
    }

    private static void VerifyRoundTrip(string path, int expected)
    {
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            var back = PatentJson.Deserialize(line);
            if (!string.Equals(PatentJson.Serialize(back), line, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"line {n + 1} does not round-trip through PatentJson");
            }

            n++;
        }

        if (n != expected)
        {
            throw new InvalidOperationException($"expected {expected} lines in {path}, read {n}");
        }
    }

    private static void CopyLicences(string data, string target)
    {
        Directory.CreateDirectory(target);
        (string From, string To)[] files =
        [
            ("cn-titles-ipc/LICENSE", "cn-titles-ipc.LICENSE.txt"),
            ("cn-titles-ipc/DATA_NOTICE.md", "cn-titles-ipc.DATA_NOTICE.md"),
            ("kppatent-zh/LICENSE", "kppatent-zh.LICENSE.txt"),
            ("admin-divisions/LICENSE", "admin-divisions.LICENSE.txt"),
        ];
        foreach (var (from, to) in files)
        {
            File.WriteAllBytes(Path.Combine(target, to), File.ReadAllBytes(Path.Combine(data, from)));
        }
    }
}
