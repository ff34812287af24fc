/** Texts of the shell's phone menu (issue 14, defect 6), in nb, nn and en (docs/i18n.md). */
export const layoutNb = {
  "shell.menu": "Meny",
  "shell.menuHelp": "Sider, miljø, språk og tema",
} as const;

export const layoutNn: Record<keyof typeof layoutNb, string> = {
  "shell.menu": "Meny",
  "shell.menuHelp": "Sider, miljø, språk og tema",
};

export const layoutEn: Record<keyof typeof layoutNb, string> = {
  "shell.menu": "Menu",
  "shell.menuHelp": "Pages, environment, language and theme",
};
