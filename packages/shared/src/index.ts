export * from "./schemas";
export * from "./images";
