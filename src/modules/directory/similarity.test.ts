import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseQueryWords, contentWords, orQuery, reasons, sameStem, score, sharedWords, WEIGHTS } from "./similarity.ts";

describe("contentWords", () => {
  it("is empty for empty, null and short-word text", () => {
    expect(contentWords("")).toEqual([]);
    expect(contentWords(null)).toEqual([]);
    expect(contentWords("ja on se nyt")).toEqual([]);
  });
  it("lower-cases, drops stop words and repeats, keeps first-appearance order", () => {
    expect(contentWords("Hanke tukee nuoria. Nuoria ja KUNTOUTUSTA; vertaistuki!")).toEqual([
      "tukee",
      "nuoria",
      "kuntoutusta",
      "vertaistuki",
    ]);
  });
  it("keeps Finnish and Swedish letters", () => {
    expect(contentWords("Työllistymistä främjande åtgärder")).toEqual(["työllistymistä", "främjande", "åtgärder"]);
  });
  it("keeps hyphenated compounds whole", () => {
    expect(contentWords("huono-osaisuutta kokevat, sosiaali- ja terveys")).toEqual(["huono-osaisuutta", "kokevat", "sosiaali", "terveys"]);
  });
  it("treats control characters and digits as separators", () => {
    expect(contentWords("nuoret\u0000aikuiset 12345 vanhukset")).toEqual(["nuoret", "aikuiset", "vanhukset"]);
  });
});

describe("sameStem", () => {
  it.each([
    ["kuntoutus", "kuntoutus", true],
    ["kuntoutus", "kuntoutuksen", true],
    ["kuntoutukseen", "kuntoutuksen", true],
    ["nuoret", "nuorten", true],
    ["vertaistuki", "vertaistuen", true],
    ["työllistyminen", "työllistymistä", true],
    ["nuoret", "nuoruus", true],
    ["kuntoutus", "kuntoutukseen", true],
    ["maahanmuuttajat", "maaseutu", false],
    ["asunto", "asunnottomat", false],
    ["abcde", "abxyz", false],
    ["kuntoutus", "kuntoutuksellisuudessaan", false],
  ])("%s ~ %s: %s", (a, b, expected) => {
    expect(sameStem(a, b)).toBe(expected);
    expect(sameStem(b, a)).toBe(expected);
  });
});

describe("sharedWords", () => {
  const a = contentWords("Kuntoutus ja vertaistuki nuorille aikuisille työpajoissa");
  const b = contentWords("Nuorten aikuisten kuntoutuksen ja vertaistuen malli");
  it("finds words in other forms, in the source's form and order", () => {
    expect(sharedWords(a, b)).toEqual(["kuntoutus", "vertaistuki", "aikuisille"]);
  });
  it("is empty when either side is empty", () => {
    expect(sharedWords([], b)).toEqual([]);
    expect(sharedWords(a, [])).toEqual([]);
  });
  it("respects the limit, including 0 and 1", () => {
    expect(sharedWords(a, b, 0)).toEqual([]);
    expect(sharedWords(a, b, 1)).toEqual(["kuntoutus"]);
  });
  it("does not list two forms of one word", () => {
    expect(sharedWords(["kuntoutus", "kuntoutuksen"], ["kuntoutukseen"])).toEqual(["kuntoutus"]);
  });
});

describe("orQuery", () => {
  it("is empty for no words", () => {
    expect(orQuery([])).toBe("");
  });
  it("joins with | and picks the longest words first", () => {
    expect(orQuery(["nuoret", "kuntoutus", "vertaistuki"], 2)).toBe("vertaistuki | kuntoutus");
  });
  it("lets only letters through, so no input can break to_tsquery", () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (words) => {
        expect(orQuery(words)).toMatch(/^(\p{L}+( \| \p{L}+)*)?$/u);
      }),
    );
  });
  it("splits compounds into their parts and drops repeats", () => {
    expect(orQuery(["huono-osaisuutta", "osaisuutta"])).toBe("osaisuutta | huono");
  });
  it("breaks ties alphabetically so the query is stable", () => {
    expect(orQuery(["bbbbb", "aaaaa"])).toBe("aaaaa | bbbbb");
  });
});

describe("score", () => {
  it("is 0 with nothing in common", () => {
    expect(score({ textRank: 0, sharedTargetGroups: [], sameActionArea: false })).toBe(0);
  });
  it("adds a weight per shared target group and for the same action area", () => {
    expect(score({ textRank: 0.1, sharedTargetGroups: ["a", "b"], sameActionArea: true })).toBeCloseTo(
      0.1 + 2 * WEIGHTS.targetGroup + WEIGHTS.actionArea,
      12,
    );
  });
  it("ignores a negative rank", () => {
    expect(score({ textRank: -1, sharedTargetGroups: [], sameActionArea: false })).toBe(0);
  });
  it("ranks two shared groups above one with the same text", () => {
    const one = score({ textRank: 0.2, sharedTargetGroups: ["a"], sameActionArea: false });
    const two = score({ textRank: 0.2, sharedTargetGroups: ["a", "b"], sameActionArea: false });
    expect(two).toBeGreaterThan(one);
  });
});

describe("reasons", () => {
  const names = {
    targetGroup: (id: string) => ({ young: "nuoret", immigrants: "maahanmuuttajat" })[id] ?? id,
    actionArea: "Syrjinnän torjunta",
  };
  it("is empty when nothing is shared", () => {
    expect(reasons({ textRank: 0.3, sharedTargetGroups: [], sameActionArea: false, sharedWords: [] }, names)).toEqual([]);
  });
  it("lists target groups, then action area, then words", () => {
    expect(
      reasons(
        { textRank: 0.3, sharedTargetGroups: ["young", "immigrants"], sameActionArea: true, sharedWords: ["kuntoutus", "vertaistuki"] },
        names,
      ),
    ).toEqual([
      { kind: "targetGroups", names: ["nuoret", "maahanmuuttajat"] },
      { kind: "actionArea", name: "Syrjinnän torjunta" },
      { kind: "words", words: ["kuntoutus", "vertaistuki"] },
    ]);
  });
  it("leaves out the action area when it has no name", () => {
    expect(reasons({ textRank: 0, sharedTargetGroups: [], sameActionArea: true, sharedWords: [] }, { ...names, actionArea: null })).toEqual(
      [],
    );
  });
});

describe("chooseQueryWords", () => {
  it("is empty for no words", () => {
    expect(chooseQueryWords(new Map())).toEqual([]);
  });
  it("takes the rarest words found at least once, ties alphabetically", () => {
    const f = new Map([
      ["nuoret", 900],
      ["kuntoutus", 3],
      ["vertaistuki", 3],
      ["tuntematon", 0],
      ["yleinen", 999],
    ]);
    expect(chooseQueryWords(f, 3)).toEqual(["kuntoutus", "vertaistuki", "nuoret"]);
  });
  it("leaves out words above the frequency limit, the limit itself kept", () => {
    const f = new Map([
      ["raja", 1000],
      ["yli", 1001],
    ]);
    expect(chooseQueryWords(f)).toEqual(["raja"]);
  });
});
