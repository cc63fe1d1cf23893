using System.Reflection;
using System.Reflection.Emit;

namespace GitOps.Reconciler.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others: through signatures (base types, interfaces, fields, properties,
/// parameters, return types, attributes) and through method bodies (every type, method and field token in the IL,
/// compiler-generated state machines and closures included, counted for the namespace of the type they are nested in).
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly _assembly;

    private NamespaceGraph(Assembly assembly) => _assembly = assembly;

    /// <summary>Namespace → namespaces it uses, each with the uses (<c>User uses Used</c>) that make the edge, for messages.</summary>
    public Dictionary<string, Dictionary<string, SortedSet<string>>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>Tokens that could not be resolved; a correct graph has none.</summary>
    public List<string> Unresolved { get; } = [];

    public static NamespaceGraph Of(Assembly assembly)
    {
        var graph = new NamespaceGraph(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace is not null))
        {
            graph.Edges.TryAdd(type.Namespace!, new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal));
            graph.AddSignatures(type);
            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                graph.AddBody(type, method);
            }
        }
        return graph;
    }

    /// <summary>The groups of namespaces that reach each other (strongly connected components of more than one).</summary>
    public List<List<string>> Cycles()
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var lowLinks = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();

        void Connect(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Edges[node].Keys)
            {
                if (!indices.ContainsKey(next))
                {
                    Connect(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }
            if (lowLinks[node] != indices[node])
            {
                return;
            }
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            if (component.Count > 1)
            {
                cycles.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }

        foreach (var node in Edges.Keys.Order(StringComparer.Ordinal).Where(n => !indices.ContainsKey(n)))
        {
            Connect(node);
        }
        return cycles;
    }

    private void AddSignatures(Type type)
    {
        Use(type, type.BaseType);
        foreach (var used in type.GetInterfaces())
        {
            Use(type, used);
        }
        foreach (var attribute in type.CustomAttributes)
        {
            Use(type, attribute.AttributeType);
        }
        foreach (var field in type.GetFields(Everything))
        {
            Use(type, field.FieldType);
        }
        foreach (var property in type.GetProperties(Everything))
        {
            Use(type, property.PropertyType);
        }
        foreach (var method in type.GetMethods(Everything))
        {
            Use(type, method.ReturnType);
            foreach (var parameter in method.GetParameters())
            {
                Use(type, parameter.ParameterType);
            }
        }
        foreach (var constructor in type.GetConstructors(Everything))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                Use(type, parameter.ParameterType);
            }
        }
    }

    private void AddBody(Type type, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    Resolve(type, method, BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }

    private void Resolve(Type type, MethodBase method, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            switch (method.Module.ResolveMember(token, typeArguments, methodArguments))
            {
                case Type used:
                    Use(type, used);
                    break;
                case MethodBase called:
                    Use(type, called.DeclaringType);
                    if (called is MethodInfo { IsGenericMethod: true } generic)
                    {
                        foreach (var argument in generic.GetGenericArguments())
                        {
                            Use(type, argument);
                        }
                    }
                    break;
                case MemberInfo member:
                    Use(type, member.DeclaringType);
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException)
        {
            Unresolved.Add($"{type.FullName}.{method.Name}: token 0x{token:x8} ({e.Message})");
        }
    }

    /// <summary>Records that <paramref name="user"/> uses <paramref name="used"/> and every type it is made of.</summary>
    private void Use(Type user, Type? used)
    {
        if (used is null || used.IsGenericParameter)
        {
            return;
        }
        if (used.HasElementType)
        {
            Use(user, used.GetElementType());
            return;
        }
        if (used.IsConstructedGenericType)
        {
            Use(user, used.GetGenericTypeDefinition());
            foreach (var argument in used.GetGenericArguments())
            {
                Use(user, argument);
            }
            return;
        }
        if (used.Assembly != _assembly || used.Namespace is null || used.Namespace == user.Namespace)
        {
            return;
        }
        var edges = Edges[user.Namespace!];
        if (!edges.TryGetValue(used.Namespace, out var uses))
        {
            edges[used.Namespace] = uses = new SortedSet<string>(StringComparer.Ordinal);
        }
        uses.Add($"{Outermost(user).Name} uses {Outermost(used).Name}");
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
