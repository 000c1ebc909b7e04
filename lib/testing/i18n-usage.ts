import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Which message keys the source code uses, found by reading it with TypeScript's parser (syntax
 * only: a type-checked program of the whole app takes half a minute, too slow for a unit test).
 *
 * - Translators come from `useTranslations(ns)` / `getTranslations(ns)` (or `{ namespace }`, or no
 *   namespace), bound to a name (also inside `await Promise.all([...])`) or called inline. A name is
 *   resolved in the scope it is declared in, so every component may have its own `t`. A parameter
 *   typed with an alias of a namespace's translator (`type CaseMessages = ReturnType<typeof
 *   useTranslations<"case">>`, then `t: CaseMessages`) is that namespace's translator in its function.
 * - `t("a.b")`, `t.rich(...)`, `t.markup(...)`, `t.raw(...)` and `t.has(...)` use the key `ns.a.b`.
 * - A template literal uses every key under its static start: t(`kind.${k}`) covers `ns.kind.*`.
 *   `c ? "a" : "b"` and `x ?? "a"` use both sides.
 * - Anything else (t(code), t(state.error)) is a *dynamic* lookup: the key arrives as data. The test
 *   decides which namespaces may be looked up that way; see lib/i18n/messages.test.ts.
 *
 * It also collects the string literals of the sources (and the static starts of template literals),
 * the evidence that a dynamically looked-up key can actually be asked for: the server returns
 * `new ConflictError("email_taken")`, a zod schema `{ error: "invalid_email" }`, a list `["NEW", ...]`.
 */

export interface SourceText {
  path: string;
  text: string;
}

export type KeyUse =
  | { kind: "exact"; key: string; at: string; has: boolean }
  | { kind: "prefix"; prefix: string; at: string }
  | { kind: "dynamic"; namespace: string; at: string; expression: string };

export interface KeyUsage {
  uses: KeyUse[];
  /** Translators whose namespace is not written literally: their keys cannot be known. */
  problems: string[];
  /** String literals of the sources, except module names and the keys and namespaces above. */
  literals: Set<string>;
  /** Static starts of template literals (`password_${problem}` gives "password_"). */
  literalPrefixes: Set<string>;
}

const FACTORIES = new Set(["useTranslations", "getTranslations"]);
const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw", "has"]);

/** The app's own source files: app/, components/, lib/ without tests, test support and generated code. */
export function readAppSources(root: string): SourceText[] {
  const out: SourceText[] = [];
  const skip = new Set(["node_modules", path.join("lib", "testing"), path.join("lib", "db", "generated")]);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(rel)) walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !/\.d\.ts$|\.test\.tsx?$/.test(entry.name)) {
        out.push({ path: rel, text: fs.readFileSync(path.join(root, rel), "utf8") });
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return out;
}

const parsed = new WeakMap<SourceText, ts.SourceFile>();

function parse(source: SourceText): ts.SourceFile {
  let file = parsed.get(source);
  if (!file) {
    file = ts.createSourceFile(
      source.path,
      source.text,
      ts.ScriptTarget.Latest,
      true,
      source.path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    parsed.set(source, file);
  }
  return file;
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAwaitExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The namespace of `useTranslations(...)` / `getTranslations(...)`: a string, or null when not literal. */
function factoryNamespace(node: ts.Expression): { namespace: string | null; arg?: ts.Node } | undefined {
  const call = unwrap(node);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || !FACTORIES.has(call.expression.text)) return undefined;
  const [arg] = call.arguments;
  if (!arg) return { namespace: "" };
  if (ts.isStringLiteralLike(arg)) return { namespace: arg.text, arg };
  if (ts.isObjectLiteralExpression(arg)) {
    const prop = arg.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === "namespace");
    if (!prop) return { namespace: "" };
    if (ts.isPropertyAssignment(prop) && ts.isStringLiteralLike(prop.initializer))
      return { namespace: prop.initializer.text, arg: prop.initializer };
  }
  return { namespace: null };
}

/** The namespace of a translator's type written out, `ReturnType<typeof useTranslations<"ns">>`. */
function translatorType(type: ts.TypeNode): string | undefined {
  return /^ReturnType<typeof(?:useTranslations|getTranslations)<"([^"]*)">>$/.exec(type.getText().replace(/\s+/g, ""))?.[1];
}

/** Type aliases of a namespace's translator, `type X = ReturnType<typeof useTranslations<"ns">>`, by name. */
function translatorAliases(files: ts.SourceFile[]): Map<string, string> {
  const aliases = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isTypeAliasDeclaration(node)) {
      const namespace = translatorType(node.type);
      if (namespace !== undefined) aliases.set(node.name.text, namespace);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return aliases;
}

function scopeOf(node: ts.Node): ts.Node {
  let current = node.parent;
  while (!ts.isBlock(current) && !ts.isSourceFile(current)) current = current.parent;
  return current;
}

type Pattern = { exact: string } | { prefix: string } | { dynamic: string };

function keyPatterns(node: ts.Expression): Pattern[] {
  if (ts.isStringLiteralLike(node)) return [{ exact: node.text }];
  if (ts.isTemplateExpression(node) && node.head.text) return [{ prefix: node.head.text }];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node))
    return keyPatterns(node.expression);
  if (ts.isConditionalExpression(node)) return [...keyPatterns(node.whenTrue), ...keyPatterns(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
    return [...keyPatterns(node.left), ...keyPatterns(node.right)];
  }
  return [{ dynamic: node.getText() }];
}

function markLiterals(node: ts.Node, into: Set<ts.Node>): void {
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) into.add(node);
  ts.forEachChild(node, (child) => markLiterals(child, into));
}

function isModuleName(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    (ts.isCallExpression(parent) &&
      (parent.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(parent.expression) && parent.expression.text === "require")))
  );
}

export function scanKeyUsage(sources: SourceText[]): KeyUsage {
  const usage: KeyUsage = { uses: [], problems: [], literals: new Set(), literalPrefixes: new Set() };
  const parsed = sources.map((source) => ({ source, file: parse(source) }));
  const aliases = translatorAliases(parsed.map((p) => p.file));
  for (const { source, file } of parsed) {
    const at = (node: ts.Node) => `${source.path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const consumed = new Set<ts.Node>();
    const bindings = new Map<string, Array<{ scope: ts.Node; namespace: string }>>();

    const bind = (name: ts.BindingName, init: ts.Expression, declaration: ts.Node) => {
      const found = factoryNamespace(init);
      if (!found || !ts.isIdentifier(name)) return;
      if (found.arg) consumed.add(found.arg);
      if (found.namespace === null) {
        usage.problems.push(`${at(declaration)}: the namespace of ${name.text} is not a string literal`);
        return;
      }
      const list = bindings.get(name.text) ?? [];
      list.push({ scope: scopeOf(declaration), namespace: found.namespace });
      bindings.set(name.text, list);
    };

    // First pass: translator bindings, `const t = useTranslations("ns")` and `const [x, t] = await Promise.all([..., getTranslations("ns")])`.
    const collect = (node: ts.Node) => {
      // A parameter typed with a translator alias (`t: CaseMessages`) or with the type written out is that
      // namespace's translator in its function.
      if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type && ts.isTypeReferenceNode(node.type)) {
        const namespace =
          translatorType(node.type) ?? (ts.isIdentifier(node.type.typeName) ? aliases.get(node.type.typeName.text) : undefined);
        if (namespace !== undefined) {
          const list = bindings.get(node.name.text) ?? [];
          list.push({ scope: node.parent, namespace });
          bindings.set(node.name.text, list);
        }
      }
      if (ts.isVariableDeclaration(node) && node.initializer) {
        if (ts.isArrayBindingPattern(node.name)) {
          const call = unwrap(node.initializer);
          const isPromiseAll =
            ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.getText() === "Promise.all";
          const list = isPromiseAll ? call.arguments[0] : undefined;
          if (list && ts.isArrayLiteralExpression(list)) {
            node.name.elements.forEach((element, i) => {
              const item = list.elements[i];
              if (ts.isBindingElement(element) && item) bind(element.name, item, node);
            });
          }
        } else {
          bind(node.name, node.initializer, node);
        }
      }
      ts.forEachChild(node, collect);
    };
    collect(file);

    const resolve = (name: string, from: ts.Node): string | undefined => {
      const candidates = bindings.get(name);
      if (!candidates) return undefined;
      for (let scope: ts.Node | undefined = from; scope; scope = scope.parent) {
        const hit = candidates.find((c) => c.scope === scope);
        if (hit) return hit.namespace;
      }
      return undefined;
    };

    // Second pass: translator calls.
    const calls = (node: ts.Node) => {
      if (ts.isCallExpression(node) && node.arguments[0]) {
        let namespace: string | undefined;
        let has = false;
        const callee = node.expression;
        if (ts.isIdentifier(callee)) namespace = resolve(callee.text, node);
        else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && TRANSLATOR_METHODS.has(callee.name.text)) {
          namespace = resolve(callee.expression.text, node);
          has = callee.name.text === "has";
        } else {
          const inline = factoryNamespace(callee);
          if (inline?.namespace === null) usage.problems.push(`${at(node)}: the namespace of an inline translator is not a string literal`);
          namespace = inline?.namespace ?? undefined;
        }
        if (namespace !== undefined) {
          const arg = node.arguments[0];
          markLiterals(arg, consumed);
          const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
          for (const pattern of keyPatterns(arg)) {
            if ("exact" in pattern) usage.uses.push({ kind: "exact", key: full(pattern.exact), at: at(node), has });
            else if ("prefix" in pattern) usage.uses.push({ kind: "prefix", prefix: full(pattern.prefix), at: at(node) });
            else usage.uses.push({ kind: "dynamic", namespace, at: at(node), expression: pattern.dynamic });
          }
        }
      }
      ts.forEachChild(node, calls);
    };
    calls(file);

    // Third pass: the literals that are not keys, namespaces or module names.
    const literals = (node: ts.Node) => {
      if (!consumed.has(node)) {
        if (ts.isStringLiteralLike(node) && !isModuleName(node)) usage.literals.add(node.text);
        if (ts.isTemplateExpression(node) && node.head.text) usage.literalPrefixes.add(node.head.text);
      }
      ts.forEachChild(node, literals);
    };
    literals(file);
  }
  return usage;
}

const DOMAIN_ERRORS = new Set([
  "ConflictError",
  "ForbiddenError",
  "InvalidInputError",
  "TooManyRequestsError",
  "PayloadTooLargeError",
  "UnauthenticatedError",
]);
const CODE = /^[a-z][a-z0-9_]*$/;

/**
 * The message codes the server sends to forms, where they are written literally:
 * - `errors`: the code of a domain error (`new ConflictError("email_taken")`, the defaults in lib/errors),
 *   and the `error` of an answer built in lib/errors (`{ error: "not_found" }`);
 * - `fieldErrors`: zod messages (`{ error: "invalid_email" }`, `ctx.addIssue({ message: "invalid_date" })`)
 *   and the field errors of an InvalidInputError (`{ assigneeId: ["same_caseworker"] }`).
 * Codes built at run time (`password_${problem}`) are not seen here.
 */
export function scanErrorCodes(sources: SourceText[]): { errors: Map<string, string>; fieldErrors: Map<string, string> } {
  const errors = new Map<string, string>();
  const fieldErrors = new Map<string, string>();
  for (const source of sources) {
    const file = parse(source);
    const at = (node: ts.Node) => `${source.path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const note = (into: Map<string, string>, node: ts.Node | undefined) => {
      if (node && ts.isStringLiteralLike(node) && CODE.test(node.text) && !into.has(node.text)) into.set(node.text, at(node));
    };
    const inErrorsModule = source.path.startsWith(path.join("lib", "errors") + path.sep);
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && DOMAIN_ERRORS.has(node.expression.text)) {
        const [code, fields] = node.arguments ?? [];
        note(errors, code);
        if (node.expression.text === "InvalidInputError" && fields && ts.isObjectLiteralExpression(fields)) {
          for (const prop of fields.properties) {
            if (ts.isPropertyAssignment(prop) && ts.isArrayLiteralExpression(prop.initializer))
              prop.initializer.elements.forEach((e) => note(fieldErrors, e));
          }
        }
      }
      if (inErrorsModule && ts.isParameter(node) && ts.isIdentifier(node.name) && node.name.text === "code") note(errors, node.initializer);
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        const object = node.parent;
        const isCallArgument = ts.isCallExpression(object.parent) && object.parent.arguments.some((a) => a === object);
        if (isCallArgument && ["error", "message"].includes(node.name.text)) note(fieldErrors, node.initializer);
        if (inErrorsModule && !isCallArgument && node.name.text === "error") note(errors, node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { errors, fieldErrors };
}
