using System.IO.Compression;
using System.Text;

namespace PatentNav.Tests.Import;

/// <summary>One mutated export: which fixture, which seed, which mutations, and the resulting bytes.</summary>
internal sealed record ImportFuzzCase(string Container, int Index, int Seed, string Fixture, string Mutation, string? Format, byte[] Bytes)
{
    public override string ToString() =>
        $"{Container} case {Index} (seed {Seed}, fixture {Fixture}, mutation {Mutation}{(Format is null ? string.Empty : ", format " + Format)})";
}

/// <summary>
/// Deterministic mutations of the real fixtures in <c>data-samples/fixtures</c>: byte flips, truncation, inserted special bytes,
/// duplicated or deleted lines, shuffled headers, a 1 MB cell, 10,000 columns, invalid UTF-8, corrupted zip central directories
/// and garbage worksheet XML. Case <c>i</c> of a container always yields the same bytes (seeded <see cref="Random"/>).
/// </summary>
internal static class ImportFuzzCases
{
    public static readonly string[] Containers = ["csv", "xlsx", "xls", "jsonl"];

    private static readonly Dictionary<string, string[]> FixturesByContainer = new(StringComparer.Ordinal)
    {
        ["csv"] = ["cnipa.csv", "cnipa-gb18030.csv", "lens.csv", "derwent.csv", "google.csv", "bad-rows.csv", "custom.csv"],
        ["xlsx"] = ["incopat.xlsx", "incopat-old.xlsx", "patsnap.xlsx"],
        ["xls"] = ["incopat.xls"],
        ["jsonl"] = ["patents-sample.jsonl"],
    };

    private static readonly string[] TextMutations =
        ["flip", "truncate", "insert", "duplicate-lines", "delete-lines", "shuffle-header", "huge-cell", "many-columns", "invalid-utf8", "invalid-utf8-after-sniff"];

    private static readonly string[] ZipMutations =
        ["flip", "truncate", "insert", "corrupt-central-directory", "garbage-sheet", "garbage-shared-strings", "flip-entry-data"];

    private static readonly string[] OleMutations = ["flip", "truncate", "insert", "flip-header-sector"];

    private static readonly Dictionary<string, byte[]> Originals = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static string? _lastVariant;

    public static ImportFuzzCase Make(string container, int index)
    {
        var seed = (Array.IndexOf(Containers, container) + 1) * 100_000 + index;
        var random = new Random(seed);
        var fixtures = FixturesByContainer[container];
        var fixture = fixtures[random.Next(fixtures.Length)];
        var bytes = Original(fixture);
        var pool = container switch
        {
            "xlsx" => ZipMutations,
            "xls" => OleMutations,
            _ => TextMutations,
        };

        // Mostly one mutation; every fourth case stacks two or three.
        var count = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        var applied = new List<string>();
        for (var k = 0; k < count; k++)
        {
            var mutation = pool[random.Next(pool.Length)];
            _lastVariant = null;
            bytes = Apply(mutation, bytes, random);
            applied.Add(_lastVariant is null ? mutation : mutation + ":" + _lastVariant);
        }

        // One case in twenty names a format (sometimes one that does not exist: the documented ArgumentException).
        string? format = random.Next(20) == 0 ? new[] { "cnipa", "incopat", "lens", "jsonl", "custom", "bogus" }[random.Next(6)] : null;
        return new ImportFuzzCase(container, index, seed, fixture, string.Join("+", applied), format, bytes);
    }

    private static byte[] Original(string name)
    {
        lock (Originals)
        {
            if (!Originals.TryGetValue(name, out var bytes))
            {
                bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data-samples", "fixtures", name));
                Originals[name] = bytes;
            }

            return bytes;
        }
    }

    private static byte[] Apply(string mutation, byte[] input, Random random) => mutation switch
    {
        "flip" => Flip(input, 0, input.Length, random),
        "truncate" => input[..random.Next(input.Length + 1)],
        "insert" => Insert(input, random),
        "duplicate-lines" => EditLines(input, random, duplicate: true),
        "delete-lines" => EditLines(input, random, duplicate: false),
        "shuffle-header" => ShuffleHeader(input, random),
        "huge-cell" => HugeCell(input, random),
        "many-columns" => ManyColumns(input, random),
        "invalid-utf8" => InsertAt(input, random.Next(input.Length + 1), InvalidUtf8(random)),
        "invalid-utf8-after-sniff" => InvalidUtf8AfterSniff(input, random),
        "corrupt-central-directory" => CorruptCentralDirectory(input, random),
        "garbage-sheet" => ReplaceEntries(input, random, name => name.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)),
        "garbage-shared-strings" => ReplaceEntries(input, random, name => name.Equals("xl/sharedStrings.xml", StringComparison.Ordinal) || name.Equals("xl/workbook.xml", StringComparison.Ordinal)),
        "flip-entry-data" => Flip(input, 0, Math.Max(1, CentralDirectoryStart(input)), random),
        "flip-header-sector" => Flip(input, 0, Math.Min(512, input.Length), random),
        _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "unknown mutation"),
    };

    private static byte[] Flip(byte[] input, int start, int end, Random random)
    {
        var output = (byte[])input.Clone();
        if (end <= start)
        {
            return output;
        }

        var flips = random.Next(1, 21);
        for (var i = 0; i < flips; i++)
        {
            output[random.Next(start, end)] ^= (byte)random.Next(1, 256);
        }

        return output;
    }

    private static byte[] Insert(byte[] input, Random random)
    {
        byte[] specials = [0x00, (byte)'"', (byte)'\n', (byte)'\r', 0xFF, (byte)',', (byte)'\t', (byte)'{'];
        var output = input;
        var inserts = random.Next(1, 11);
        for (var i = 0; i < inserts; i++)
        {
            output = InsertAt(output, random.Next(output.Length + 1), [specials[random.Next(specials.Length)]]);
        }

        return output;
    }

    private static byte[] InsertAt(byte[] input, int at, byte[] what) => [.. input.AsSpan(0, at), .. what, .. input.AsSpan(at)];

    private static List<byte[]> Lines(byte[] input)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\n')
            {
                lines.Add(input[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < input.Length)
        {
            lines.Add(input[start..]);
        }

        return lines;
    }

    private static byte[] Join(IEnumerable<byte[]> lines) => lines.SelectMany(l => l).ToArray();

    private static byte[] EditLines(byte[] input, Random random, bool duplicate)
    {
        var lines = Lines(input);
        if (lines.Count == 0)
        {
            return input;
        }

        var edits = random.Next(1, 6);
        for (var i = 0; i < edits && lines.Count > 0; i++)
        {
            var at = random.Next(lines.Count);
            if (duplicate)
            {
                lines.Insert(random.Next(lines.Count + 1), lines[at]);
            }
            else
            {
                lines.RemoveAt(at);
            }
        }

        return Join(lines);
    }

    private static byte[] ShuffleHeader(byte[] input, Random random)
    {
        var lines = Lines(input);
        if (lines.Count == 0)
        {
            return input;
        }

        // The header is within the first five lines (Derwent's is the fourth); shuffle the widest of them.
        var at = Enumerable.Range(0, Math.Min(5, lines.Count)).MaxBy(i => lines[i].Count(b => b == (byte)','));
        var line = lines[at];
        var body = line.Length > 0 && line[^1] == (byte)'\n' ? line[..^1] : line;
        var cells = Split(body, (byte)',').ToArray();
        random.Shuffle(cells);
        var joined = new List<byte>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                joined.Add((byte)',');
            }

            joined.AddRange(cells[i]);
        }

        if (body.Length != line.Length)
        {
            joined.Add((byte)'\n');
        }

        lines[at] = [.. joined];
        return Join(lines);
    }

    private static List<byte[]> Split(byte[] line, byte separator)
    {
        var cells = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == separator)
            {
                cells.Add(line[start..i]);
                start = i + 1;
            }
        }

        return cells;
    }

    private static byte[] HugeCell(byte[] input, Random random)
    {
        var lines = Lines(input);
        var at = lines.Count == 0 ? 0 : random.Next(lines.Count);
        var cell = new byte[1024 * 1024];
        Array.Fill(cell, random.Next(2) == 0 ? (byte)'x' : (byte)'"');
        var prefix = lines.Count == 0 ? [] : lines[at];
        var cut = random.Next(prefix.Length + 1);
        var line = InsertAt(prefix, cut, cell);
        if (lines.Count == 0)
        {
            return line;
        }

        lines[at] = line;
        return Join(lines);
    }

    private static byte[] ManyColumns(byte[] input, Random random)
    {
        var lines = Lines(input);
        var at = lines.Count == 0 ? 0 : random.Next(Math.Min(6, lines.Count));
        var extra = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 10_000).Select(i => ",c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (lines.Count == 0)
        {
            return extra;
        }

        var line = lines[at];
        var end = line.Length > 0 && line[^1] == (byte)'\n' ? line.Length - 1 : line.Length;
        if (end > 0 && line[end - 1] == (byte)'\r')
        {
            end--;
        }

        lines[at] = InsertAt(line, end, extra);
        return Join(lines);
    }

    private static byte[] InvalidUtf8(Random random) => random.Next(5) switch
    {
        0 => [0xC3, 0x28],
        1 => [0xFF, 0xFE, 0xFD],
        2 => [0xE2, 0x82],
        3 => [0xED, 0xA0, 0x80], // an encoded surrogate
        _ => [0xF4, 0x90, 0x80, 0x80], // beyond U+10FFFF
    };

    private static byte[] InvalidUtf8AfterSniff(byte[] input, Random random)
    {
        // Grow the file past the 64 KB sniff with duplicated data lines, then break UTF-8 beyond it.
        var lines = Lines(input);
        if (lines.Count < 2)
        {
            return InsertAt(input, input.Length, InvalidUtf8(random));
        }

        var output = new List<byte[]>(lines);
        var size = input.Length;
        while (size < 80 * 1024)
        {
            var line = lines[random.Next(1, lines.Count)];
            output.Add(line);
            size += line.Length;
        }

        var bytes = Join(output);
        return InsertAt(bytes, random.Next(70 * 1024, bytes.Length), InvalidUtf8(random));
    }

    private static int CentralDirectoryStart(byte[] input)
    {
        for (var i = 0; i + 4 <= input.Length; i++)
        {
            if (input[i] == (byte)'P' && input[i + 1] == (byte)'K' && input[i + 2] == 1 && input[i + 3] == 2)
            {
                return i;
            }
        }

        return input.Length;
    }

    private static byte[] CorruptCentralDirectory(byte[] input, Random random)
    {
        var output = (byte[])input.Clone();
        var start = CentralDirectoryStart(output);
        if (start >= output.Length)
        {
            return Flip(output, 0, output.Length, random);
        }

        switch (random.Next(4))
        {
            case 0:
                return Flip(output, start, output.Length, random);
            case 1:
                // Absurd sizes: claim an entry is 4 GB uncompressed (bytes 24..27 of a central header).
                output[start + 24] = 0xFF;
                output[start + 25] = 0xFF;
                output[start + 26] = 0xFF;
                output[start + 27] = 0x7F;
                return output;
            case 2:
                // A local header offset pointing anywhere (bytes 42..45).
                var offset = BitConverter.GetBytes(random.Next());
                offset.CopyTo(output, start + 42);
                return output;
            default:
                // Cut inside the central directory: no end-of-central-directory record.
                return output[..random.Next(start, output.Length)];
        }
    }

    private static byte[] ReplaceEntries(byte[] input, Random random, Func<string, bool> which)
    {
        try
        {
            return ReplaceEntriesOfValidZip(input, random, which);
        }
        catch (InvalidDataException)
        {
            // An earlier mutation of the same case already broke the zip: there are no entries left to replace.
            return Flip(input, 0, input.Length, random);
        }
    }

    private static byte[] ReplaceEntriesOfValidZip(byte[] input, Random random, Func<string, bool> which)
    {
        using var ms = new MemoryStream();
        ms.Write(input);
        ms.Position = 0;
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => which(e.FullName)).ToList())
            {
                byte[] original;
                using (var s = entry.Open())
                using (var copy = new MemoryStream())
                {
                    s.CopyTo(copy);
                    original = copy.ToArray();
                }

                var name = entry.FullName;
                entry.Delete();
                var replacement = zip.CreateEntry(name);
                using var target = replacement.Open();
                target.Write(GarbageXml(original, random));
            }
        }

        return ms.ToArray();
    }

    private static readonly string[] GarbageVariants = ["noise", "truncated", "flipped", "deep-nesting", "entity-expansion", "bad-references"];

    private static byte[] GarbageXml(byte[] original, Random random)
    {
        var variant = random.Next(6);
        _lastVariant = GarbageVariants[variant];
        switch (variant)
        {
            case 0:
                var noise = new byte[random.Next(1, 4096)];
                random.NextBytes(noise);
                return noise;
            case 1:
                return original[..random.Next(original.Length + 1)];
            case 2:
                return Flip(original, 0, original.Length, random);
            case 3:
                return Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>" + string.Concat(Enumerable.Repeat("<a>", 20_000)));
            case 4:
                return Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&c;</t></is></c></row></sheetData></worksheet>");
            default:
                return Encoding.UTF8.GetBytes("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"-5\"><c r=\"ZZZZZZ99999999\" t=\"s\"><v>99999999</v></c><c r=\"A1\" t=\"n\"><v>not-a-number</v></c></row><row r=\"1048577\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>");
        }
    }
}
