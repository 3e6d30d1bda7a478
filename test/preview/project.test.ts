import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { previewPage } from "../../src/preview/page.js";
import { PreviewProject } from "../../src/preview/project.js";
import { LANGUAGES } from "../../src/i18n/index.js";
import { MINIMAL, tempProject } from "../helpers/index.js";

describe("preview: what it re-checks", () => {
  const second = MINIMAL.replace("id: minimal", "id: second").replace("title: Minimal journey", "title: Second journey");

  it("re-checks the file that changed, reloads on a new, deleted or config file, and keeps the last good map of a broken file", () => {
    const dir = tempProject({ "a.journey.yaml": MINIMAL });
    const project = new PreviewProject({ cwd: dir, paths: [], ruleDocsUrl: (id) => `docs/rules/${id}.md` });
    expect(project.reload()).toEqual(["a.journey.yaml"]);
    const good = project.view("a.journey.yaml")!;
    expect(good.title).toBe("Minimal journey");
    expect(good.body).toContain('<table class="map"');
    // The kind of each diagram: its first line after Mermaid directives (`%%{init: ...}%%`).
    expect(good.diagrams.map((d) => d.definition.split("\n").find((line) => !line.startsWith("%%")))).toEqual(["journey", "flowchart LR"]);
    expect(good.errors).toEqual([]);

    writeFileSync(join(dir, "a.journey.yaml"), MINIMAL.replace("name: Buys", "name: Buys twice"));
    expect(project.refresh([join(dir, "a.journey.yaml")])).toEqual(["a.journey.yaml"]);
    expect(project.view("a.journey.yaml")!.body).toContain("Buys twice");

    writeFileSync(join(dir, "a.journey.yaml"), MINIMAL.replace("stages:", "stages: [oops"));
    project.refresh([join(dir, "a.journey.yaml")]);
    const broken = project.view("a.journey.yaml")!;
    expect(new Set(broken.errors.map((e) => e.ruleId))).toEqual(new Set(["syntax"]));
    expect(broken.errors[0].line).toBeGreaterThan(0);
    expect(broken.body).toContain("Buys twice"); // the last good map
    expect(broken.title).toBe("Minimal journey");

    writeFileSync(join(dir, "b.journey.yaml"), second);
    expect(project.refresh([join(dir, "b.journey.yaml")]).sort()).toEqual(["a.journey.yaml", "b.journey.yaml"]);
    expect(project.list().map((v) => v.title)).toEqual(["Minimal journey", "Second journey"]);

    rmSync(join(dir, "b.journey.yaml"));
    project.refresh([join(dir, "b.journey.yaml")]);
    expect(project.list().map((v) => v.key)).toEqual(["a.journey.yaml"]);

    writeFileSync(join(dir, "journey.config.yaml"), "render: { lang: pl }\nextends: nonsense\n");
    project.refresh([join(dir, "journey.config.yaml")]);
    expect(project.list().map((v) => v.key)).toEqual(["journey.config.yaml"]);
    expect(project.view("journey.config.yaml")!.errors[0]).toMatchObject({ line: 2, ruleId: "schema" });

    writeFileSync(join(dir, "journey.config.yaml"), "render: { lang: pl }\n");
    writeFileSync(join(dir, "a.journey.yaml"), MINIMAL);
    project.refresh([join(dir, "journey.config.yaml")]);
    expect(project.list().map((v) => v.key)).toEqual(["a.journey.yaml"]);
    expect(project.view("a.journey.yaml")!.lang).toBe("pl");
    // --lang wins, as in journey render.
    const forced = new PreviewProject({ cwd: dir, paths: [], lang: "ru", ruleDocsUrl: (id) => `docs/rules/${id}.md` });
    forced.reload();
    expect(forced.view("a.journey.yaml")!.lang).toBe("ru");
    expect(forced.view("a.journey.yaml")!.body).toContain(LANGUAGES.ru.map.customerActions);
  });

  it("links between journeys name the other journey by title and open its view at the step; a new title redraws the journeys linked with it", () => {
    const linking = MINIMAL.replace("        channel: web\n", "        channel: web\n        next: [second#buys]\n");
    const dir = tempProject({ "a.journey.yaml": linking, "b.journey.yaml": second });
    const project = new PreviewProject({ cwd: dir, paths: [], ruleDocsUrl: (id) => `docs/rules/${id}.md` });
    project.reload();
    expect(project.view("a.journey.yaml")!.errors).toEqual([]);
    expect(project.view("a.journey.yaml")!.body).toContain('continues in <a href="#b.journey.yaml#buys" dir="auto">Second journey</a>');
    expect(project.view("b.journey.yaml")!.body).toContain('continued from <a href="#a.journey.yaml#buys" dir="auto">Minimal journey</a>');

    writeFileSync(join(dir, "b.journey.yaml"), second.replace("title: Second journey", "title: Renamed journey"));
    expect(project.refresh([join(dir, "b.journey.yaml")]).sort()).toEqual(["a.journey.yaml", "b.journey.yaml"]);
    expect(project.view("a.journey.yaml")!.body).toContain('continues in <a href="#b.journey.yaml#buys" dir="auto">Renamed journey</a>');
    // The page's client opens `#<file>#<step>`: the file's view, scrolled to the step.
    expect(previewPage(LANGUAGES.en, false)).toContain('cut=raw.indexOf("#")');
  });

  it("without Mermaid the page still shows the maps and says how to add the diagrams", () => {
    const without = previewPage(LANGUAGES.en, false);
    expect(without).not.toContain("/mermaid.js");
    expect(without).toContain(JSON.stringify(LANGUAGES.en.map.previewNoMermaid).slice(1, -1));
    expect(previewPage(LANGUAGES.en, true)).toContain('<script src="/mermaid.js"></script>');
    expect(without).toContain("connect-src 'self'");
  });
});
