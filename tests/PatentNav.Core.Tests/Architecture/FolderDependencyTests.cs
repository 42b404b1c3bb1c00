using Mono.Cecil;
using Mono.Cecil.Cil;

namespace PatentNav.Tests.Architecture;

/// <summary>
/// Core's folders (namespaces) must form layers: no dependency cycles, and the pure parts never reach storage or the
/// workspace. Read from the compiled IL, so references inside method bodies count as well as signatures.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Lazy<IReadOnlyDictionary<(string From, string To), string>> Edges = new(ReadEdges);

    /// <summary>The folders that hold algorithms and the public vocabulary; they see neither storage nor the workspace.</summary>
    private static readonly string[] Pure = ["Records", "Text", "Places", "Taxonomy", "Analytics", "Reports", "Import", "Search"];

    [Fact]
    public void Folders_HaveNoDependencyCycles()
    {
        var graph = Edges.Value.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        var detail = string.Join(
            "\n",
            cycles.Select(c => "cycle {" + string.Join(", ", c.Order(StringComparer.Ordinal)) + "}: " + string.Join(
                "; ",
                Edges.Value.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To)).Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})"))));
        Assert.True(cycles.Count == 0, detail);
    }

    [Fact]
    public void PureFolders_DoNotReachStorageOrTheWorkspace()
    {
        var wrong = Edges.Value
            .Where(e => Pure.Contains(e.Key.From, StringComparer.Ordinal) && e.Key.To is "Storage" or "Workspace" or "(root)")
            .Select(e => $"{e.Key.From} → {e.Key.To} ({e.Value})")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Graph_IsReadFromTheAssembly()
    {
        // Guards the two tests above against an empty graph (a changed namespace scheme would make them pass vacuously).
        Assert.Contains(Edges.Value.Keys, e => e is { From: "Analytics", To: "Records" });
        Assert.Contains(Edges.Value.Keys, e => e is { From: "(root)", To: "Workspace" });
    }

    /// <summary>Folder → folder edges of Core, each with one example "type → type" that makes it.</summary>
    private static IReadOnlyDictionary<(string From, string To), string> ReadEdges()
    {
        var edges = new Dictionary<(string, string), string>();
        using var module = ModuleDefinition.ReadModule(typeof(PatentWorkspace).Assembly.Location);
        foreach (var type in module.GetTypes())
        {
            var from = Folder(type);
            if (from is null)
            {
                continue;
            }

            void Add(TypeReference? reference)
            {
                foreach (var target in Expand(reference))
                {
                    if (target.Module == module && Folder(target) is { } to && to != from)
                    {
                        edges.TryAdd((from, to), $"{Outermost(type).FullName} → {Outermost(target).FullName}");
                    }
                }
            }

            Add(type.BaseType);
            foreach (var i in type.Interfaces)
            {
                Add(i.InterfaceType);
            }

            foreach (var f in type.Fields)
            {
                Add(f.FieldType);
            }

            foreach (var p in type.Properties)
            {
                Add(p.PropertyType);
            }

            foreach (var m in type.Methods)
            {
                Add(m.ReturnType);
                foreach (var p in m.Parameters)
                {
                    Add(p.ParameterType);
                }

                if (!m.HasBody)
                {
                    continue;
                }

                foreach (var v in m.Body.Variables)
                {
                    Add(v.VariableType);
                }

                foreach (var instruction in m.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t:
                            Add(t);
                            break;
                        case MethodReference mr:
                            Add(mr.DeclaringType);
                            Add(mr.ReturnType);
                            if (mr is GenericInstanceMethod gm)
                            {
                                foreach (var a in gm.GenericArguments)
                                {
                                    Add(a);
                                }
                            }

                            break;
                        case FieldReference fr:
                            Add(fr.DeclaringType);
                            Add(fr.FieldType);
                            break;
                        case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or null:
                            break;
                    }
                }
            }
        }

        return edges;
    }

    private static IEnumerable<TypeDefinition> Expand(TypeReference? reference)
    {
        switch (reference)
        {
            case null or GenericParameter:
                yield break;
            case GenericInstanceType g:
                foreach (var t in Expand(g.ElementType).Concat(g.GenericArguments.SelectMany(Expand)))
                {
                    yield return t;
                }

                yield break;
            case TypeSpecification s:
                foreach (var t in Expand(s.ElementType))
                {
                    yield return t;
                }

                yield break;
            case TypeDefinition d:
                yield return d;
                yield break;
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    /// <summary>The folder of a type: the namespace's first segment under <c>PatentNav</c> (sub-folders such as
    /// <c>Analytics/Internal</c> belong to their parent), <c>(root)</c> for <c>PatentNav</c> itself.</summary>
    private static string? Folder(TypeReference type)
    {
        var ns = Outermost(type).Namespace;
        if (ns == "PatentNav")
        {
            return "(root)";
        }

        if (ns.StartsWith("PatentNav.", StringComparison.Ordinal))
        {
            return ns["PatentNav.".Length..].Split('.')[0];
        }

        return ns == "Microsoft.Extensions.DependencyInjection" ? "DependencyInjection" : null;
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<HashSet<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<HashSet<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }
}
