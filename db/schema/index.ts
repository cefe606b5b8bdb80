export * from "./enums";
export * from "./users";
export * from "./clusters";
export * from "./customers";
export * from "./releases";
export * from "./steps";
export * from "./history";
export * from "./tracks";
